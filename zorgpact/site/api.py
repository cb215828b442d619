"""The vocabulary's API as the site serves it: organisations narrowed to those the portal lists."""

from zorgpact import api
from zorgpact.site.selectors import listed_organisations


class OrganisationViewSet(api.OrganisationViewSet):
    __doc__ = api.OrganisationViewSet.__doc__

    def organisations(self):
        return listed_organisations()
