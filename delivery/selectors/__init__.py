"""The delivery app's reads: what its views, the admin, reports and its own services share."""
