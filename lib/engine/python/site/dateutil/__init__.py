# A small stand-in for python-dateutil: the one fixture that imports it parses ISO times.
