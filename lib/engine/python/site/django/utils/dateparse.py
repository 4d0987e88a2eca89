# A small stand-in for django.utils.dateparse (one fixture imports it).
from dateutil.parser import parse as _parse


def parse_datetime(value):
    try:
        return _parse(value)
    except ValueError:
        return None
