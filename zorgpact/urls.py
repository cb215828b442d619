from django.conf import settings
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.decorators.csrf import csrf_exempt
from django.views.i18n import set_language

from zorgpact.core.pagecache import reads_query
from zorgpact.site import (
    invitations,
    organisations,
    search,
    security_views,
    signin,
    team_records,
    themes,
    tokens,
    twofactor_views,
    views,
    workspace,
)
from zorgpact.site.sitemaps import SITEMAPS

urlpatterns = [
    path("", views.home, name="home"),
    path("healthz", views.healthz, name="healthz"),
    path("sitemap.xml", reads_query("p")(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path(".well-known/security.txt", views.security_txt, name="security-txt"),
    path("toegankelijkheid/", views.accessibility_statement, name="accessibility"),
    path("privacy/", views.privacy_statement, name="privacy"),
    path("regionale-zorgpacten/", include("pacts.urls")),
    path("koplopers/", include("koplopers.urls")),
    path("ruimte-in-de-regels/", include("regels.urls")),
    path("regelingen/", include("regels.scheme_urls")),
    path("themas/", themes.theme_list, name="themes"),
    path("zoeken/", search.search_view, name="search"),
    path("themas/<slug:slug>/", themes.theme_detail, name="theme"),
    path("account/uitnodiging/<uidb64>/<token>/", invitations.accept_view, name="invitation-accept"),
    path("account/login/", signin.SignInView.as_view(), name="login"),
    path("account/password_reset/", invitations.PasswordResetView.as_view(), name="password_reset"),
    path("account/tweestapsverificatie/", twofactor_views.overview_view, name="two-factor"),
    path("account/tweestapsverificatie/instellen/", twofactor_views.setup_view, name="two-factor-setup"),
    path("account/tweestapsverificatie/code/", twofactor_views.verify_view, name="two-factor-verify"),
    path(
        "account/tweestapsverificatie/herstelcodes/",
        twofactor_views.recovery_codes_view,
        name="two-factor-recovery-codes",
    ),
    path("account/tweestapsverificatie/uitzetten/", twofactor_views.remove_view, name="two-factor-remove"),
    path("account/", include("django.contrib.auth.urls")),
    path("werkruimte/uitnodigen/", invitations.invite_view, name="invite"),
    path("werkruimte/api-tokens/", tokens.tokens_view, name="api-tokens"),
    path("werkruimte/beveiligingslog/", security_views.audit_log, name="audit-log"),
    path("werkruimte/persoonsgegevens/", security_views.personal_data_view, name="personal-data"),
    path("werkruimte/organisaties/", organisations.organisation_list, name="organisations"),
    path("werkruimte/organisaties/<int:pk>/", organisations.organisation_edit, name="organisation"),
    path(
        "werkruimte/organisaties/<int:pk>/geschiedenis/",
        organisations.organisation_history,
        name="organisation-history",
    ),
    path("werkruimte/themas/<slug:slug>/", team_records.theme_edit, name="theme-edit"),
    path("werkruimte/themas/<slug:slug>/geschiedenis/", team_records.theme_history, name="theme-history"),
    path("werkruimte/regelingen/<slug:slug>/", team_records.scheme_edit, name="scheme-edit"),
    path("werkruimte/regelingen/<slug:slug>/geschiedenis/", team_records.scheme_history, name="scheme-history"),
    path("werkruimte/", workspace.workspace, name="workspace"),
    path("werkruimte/pacten/", include("pacts.workspace_urls")),
    path("werkruimte/", include("koplopers.workspace_urls")),
    path("werkruimte/casussen/", include("regels.workspace_urls")),
    path("volgspot/", include("volgspot.urls")),
    path("api/", include("zorgpact.site.api_urls")),
    # Choosing a language is harmless to forge, and without a CSRF token the public pages can be cached.
    path("i18n/setlang/", csrf_exempt(set_language), name="set_language"),
    path("admin/", admin.site.urls),
]

if settings.BENCH_CEILING:
    from zorgpact.site.bench_views import ceiling

    urlpatterns.append(path("__bench__/ceiling/", ceiling))

handler400 = "zorgpact.core.errors.bad_request"
handler403 = "zorgpact.core.errors.permission_denied"
handler404 = "zorgpact.core.errors.not_found"
handler500 = "zorgpact.core.errors.server_error"
