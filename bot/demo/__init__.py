"""The demo organisation and demo data the console starts with."""
