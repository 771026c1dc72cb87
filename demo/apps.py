from django.apps import AppConfig


class DemoConfig(AppConfig):
    """Demonstration data for a fresh portal: `python manage.py load_demo`.

    It depends on all four domain apps and nothing depends on it; it has no models.
    Its names and messages are for developers at a console, so they are not translated
    (and stay out of the six catalogues).
    """

    name = "demo"
    verbose_name = "Demonstration data"
