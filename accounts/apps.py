from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def keep_roles_in_step(sender, using="default", **kwargs) -> None:
    """After every ``migrate`` (once, after the last app's permissions exist): roles as the code says."""
    from django.apps import apps

    from accounts.roles import sync_roles

    # post_migrate goes to each app with models in turn; the last one comes after every permission exists.
    last = [config for config in apps.get_app_configs() if config.models_module is not None][-1]
    if sender is last:
        sync_roles(using=using, strict=False)


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts")

    def ready(self) -> None:
        post_migrate.connect(keep_roles_in_step, dispatch_uid="accounts_keep_roles_in_step")
