import factory

from accounts.models import User


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("username",)

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    password = factory.django.Password("demo-pass-1234")


class StaffFactory(UserFactory):
    username = factory.Sequence(lambda n: f"staff{n}")
    is_staff = True
    is_superuser = True


class SecretariatFactory(UserFactory):
    """A member of the Secretariat (staff, not a superuser) holding only the roles or permissions given.

    ``SecretariatFactory(roles=["Programme officer"])`` or
    ``SecretariatFactory(permissions=["planning.publish_annualplan"])``; with neither, staff
    with no permission at all: the door to the staff pages, and nothing behind it.
    """

    username = factory.Sequence(lambda n: f"member{n}")
    is_staff = True
    is_superuser = False

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def roles(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        from django.contrib.auth.models import Group

        from accounts.roles import sync_roles

        if Group.objects.filter(name__in=extracted).count() < len(set(extracted)):
            sync_roles()  # a transactional test emptied the tables
        self.groups.add(*Group.objects.filter(name__in=extracted))

    @factory.post_generation
    def permissions(self, create, extracted, **kwargs):
        if not (create and extracted):
            return
        from django.contrib.auth.models import Permission

        for perm in extracted:
            app_label, codename = perm.split(".")
            self.user_permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))
