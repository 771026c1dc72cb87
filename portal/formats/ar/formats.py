"""Arabic date formats: Django gives a date format but no date-and-time one, so Arabic pages
fell back to the English "N j, Y, P". Day first, the Arabic comma, 24-hour time."""

DATE_FORMAT = "j F، Y"
DATETIME_FORMAT = "j F، Y، H:i"
SHORT_DATE_FORMAT = "d/m/Y"
SHORT_DATETIME_FORMAT = "d/m/Y H:i"
TIME_FORMAT = "H:i"
