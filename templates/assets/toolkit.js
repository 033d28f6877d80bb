/* Toolkit Builder: the Print button, and the printed footer's address (the one printed from). */
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-tk-print]")) {
    window.print();
  }
});
window.addEventListener("beforeprint", function () {
  var stamp = document.querySelector("style.tk-stamp");
  if (!stamp) {
    return;
  }
  var text = (stamp.dataset.stamp + " · " + window.location.href).replace(/[\\"]/g, "\\$&");
  stamp.textContent = stamp.textContent.replace(/@bottom-left \{ content: "(?:[^"\\]|\\.)*";/,
    function () { return '@bottom-left { content: "' + text + '";'; });
});
