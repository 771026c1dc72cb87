# The programme manager gives other people the Secretariat's roles (accounts.give_roles).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('accounts', '0004_secretariat_roles'),
    ]

    operations = [
        migrations.AlterModelOptions(
            name='user',
            options={'permissions': [('invite_user', 'Send invitations to set a password'), ('give_roles', "Give the Secretariat's roles to other people")], 'verbose_name': 'user', 'verbose_name_plural': 'users'},
        ),
    ]
