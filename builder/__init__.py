"""Toolkit Builder: facilitation toolkits from YAML to a printable MkDocs Material site."""
