"""Form widgets shared by the apps' forms."""

from django import forms


class DateInput(forms.DateInput):
    """The browser's date picker. Its value must be ISO (2018-06-01): a Dutch-formatted date ("01-06-2018"), which
    the localised default would write, is dropped by `type=date`, so an edit form showed its saved date as empty."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")
