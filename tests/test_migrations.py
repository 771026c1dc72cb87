"""Migrations keep every row: the split of the webinars app into webinars, participants and delivery."""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

# Before the split: the webinars app held the network, registrations, campaigns and invitations.
BEFORE_THE_SPLIT = [("webinars", "0005_experts_campaigns_followup"), ("participants", None), ("delivery", None)]
MOVED_TABLES = {
    "participants_registration": "webinars_registration",
    "participants_networkmember": "webinars_networkmember",
    "participants_networkmember_regions": "webinars_networkmember_regions",
    "participants_networkmember_scope_areas": "webinars_networkmember_scope_areas",
    "participants_campaign": "webinars_campaign",
    "participants_campaign_regions": "webinars_campaign_regions",
    "participants_campaign_scope_areas": "webinars_campaign_scope_areas",
    "delivery_expertinvitation": "webinars_expertinvitation",
}
# Their content types, which keep their ids (and so every generic link to their rows).
MOVED_MODELS = {
    ("participants", "registration"),
    ("participants", "networkmember"),
    ("participants", "campaign"),
    ("delivery", "expertinvitation"),
}


def table_rows() -> dict[str, int]:
    with connection.cursor() as cursor:
        rows = {}
        for table in connection.introspection.table_names(cursor):
            if table != "django_migrations":
                cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608 - names from introspection
                rows[table] = cursor.fetchone()[0]
    return rows


def content_types() -> dict[int, tuple[str, str]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT id, app_label, model FROM django_content_type")
        return {pk: (app_label, model) for pk, app_label, model in cursor.fetchall()}


def migrate(targets) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_split_of_the_webinars_app_keeps_every_row_of_the_demo_data_and_their_content_types():
    call_command("load_demo", stdout=io.StringIO())
    after_split = table_rows()
    types_after = content_types()
    assert after_split["participants_registration"] > 1000 and after_split["delivery_expertinvitation"] > 0

    migrate(BEFORE_THE_SPLIT)
    today = table_rows()
    for new, old in MOVED_TABLES.items():
        assert new not in today
        assert today[old] == after_split[new], old
    moved_back = {pk: label for pk, label in content_types().items() if label in MOVED_MODELS}
    assert moved_back == {}, "the content types went back to the webinars app with their ids"

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())
    again = table_rows()
    assert again.keys() == after_split.keys()
    # Tables that later migrations create come back empty; every table of the split keeps its rows.
    of_the_split = {new for new, old in MOVED_TABLES.items()} | {table for table in today if table in after_split}
    assert {table: again[table] for table in of_the_split} == {table: after_split[table] for table in of_the_split}
    assert content_types() == types_after
