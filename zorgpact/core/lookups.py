"""`__in` on an integer column never overflows the database's integer type.

Django already answers `pk=99999999999999999999` (exact, gt, lt …) with "no rows" when the number is beyond the
column's range (its IntegerFieldOverflow), but not `pk__in=[…]`: on SQLite, which binds integers as 64-bit, such a
value raised OverflowError, a 500. Every ModelMultipleChoiceField (the Kopgroep application's themes and provinces,
a pact's profile, an action's partners, a session's participants, an invitation's pacts …) and every filter that
takes a list of ids checks its values with `pk__in`. A number no row can hold matches nothing, so leaving it out of
the list changes no answer; the form then says the choice is not valid, as for any unknown id.
"""

from copy import copy

from django.core.exceptions import EmptyResultSet
from django.db.models import IntegerField, Lookup
from django.db.models.lookups import In


class IntegerIn(In):
    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())

            def holdable(value) -> bool:
                if not isinstance(value, int):
                    return True
                return (low is None or value >= low) and (high is None or value <= high)

            values = list(self.rhs)
            kept = [value for value in values if holdable(value)]
            if len(kept) != len(values):
                narrowed = copy(self)
                narrowed.rhs = kept
                return In.process_rhs(narrowed, compiler, connection)  # an empty list: no rows (EmptyResultSet)
        return super().process_rhs(compiler, connection)


class Among(Lookup):
    """`pk__among=ids`: the column is one of a list of ids computed before (a search's matches, reused by every query of
    a page). On PostgreSQL one array parameter (`= ANY(%s)`) rather than one parameter per id, so a list of thousands
    costs the same to send and to plan in each query that reuses it; elsewhere a plain IN."""

    lookup_name = "among"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        ids = [int(value) for value in self.rhs]
        if not ids:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            return f"{lhs} = ANY(%s::bigint[])", [*lhs_params, ids]
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*lhs_params, *ids]


def register() -> None:
    IntegerField.register_lookup(IntegerIn)
    IntegerField.register_lookup(Among)
