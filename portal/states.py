"""Explicit state transitions, shared by every model that has a life cycle.

Each model lists the moves it allows in ``TRANSITIONS``; services move a state only
through ``change_state`` so that a forbidden move is refused with a message a person
understands instead of being saved.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class StateMachineMixin:
    TRANSITIONS: dict[str, frozenset[str]] = {}
    state_field = "state"

    def allowed_states(self) -> frozenset[str]:
        return self.TRANSITIONS.get(getattr(self, self.state_field), frozenset())

    def can_change_state(self, new_state: str) -> bool:
        return new_state in self.allowed_states()

    def change_state(self, new_state: str) -> None:
        """Move to ``new_state`` in memory; the caller saves inside its transaction."""
        current = getattr(self, self.state_field)
        if not self.can_change_state(new_state):
            labels = dict(self._meta.get_field(self.state_field).choices)
            raise ValidationError(
                _("%(thing)s cannot go from “%(current)s” to “%(new)s”.")
                % {
                    "thing": self._meta.verbose_name.capitalize(),
                    "current": labels.get(current, current),
                    "new": labels.get(new_state, new_state),
                },
                code="invalid_transition",
            )
        setattr(self, self.state_field, new_state)
