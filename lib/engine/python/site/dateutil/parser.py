from datetime import datetime


def parse(text, *args, **kwargs):
    """ISO 8601 times (a trailing Z means UTC), as the SOAR fixtures pass them."""
    s = str(text).strip()
    if s.endswith("Z"):
        s = s[:-1] + "+00:00"
    return datetime.fromisoformat(s)


isoparse = parse
