# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import logging
import re
from urllib.parse import urlsplit

from odoo import _
from odoo.exceptions import UserError
from odoo.http import Controller, request, route
from odoo.tools import email_normalize, single_email_re

from odoo.addons.auth_signup.models.res_partner import SignupError

_logger = logging.getLogger(__name__)

# The fields of the join form and their maximum lengths; the POST reads
# these and nothing else.
JOIN_FIELDS = {
    "organisation": 128,
    "city": 64,
    "country_id": 12,
    "website": 256,
    "contact_name": 128,
    "email": 254,
    "phone": 32,
    "lang": 12,
    "message": 2000,
}
REQUIRED_FIELDS = ("organisation", "country_id", "contact_name", "email")
# Hidden from people by the page; bots filling every field fill it too.
HONEYPOT_FIELD = "komunigi_fax"
JOIN_LANGS = ("fr_BE", "nl_BE", "en_US")
PHONE_RE = re.compile(r"^\+?[0-9 ./()-]{6,}$")


class KomunigiJoin(Controller):
    """The public join page: the welcome booklet and the form an organisation
    fills to become a candidate (no website needed)."""

    def _komunigi_join_languages(self):
        installed = dict(request.env["res.lang"].get_installed())
        return [(code, installed[code]) for code in JOIN_LANGS if code in installed]

    def _komunigi_join_defaults(self):
        languages = [code for code, _name in self._komunigi_join_languages()]
        lang = request.env.lang if request.env.lang in languages else languages[0]
        country = request.env.ref("base.be", raise_if_not_found=False)
        return {"lang": lang, "country_id": str(country.id) if country else ""}

    def _komunigi_render_join(self, form, errors=None):
        values = request.env[
            "report.komunigi_membership.report_komunigi_booklet"
        ]._booklet_values()
        values.update(
            {
                "form": form,
                "errors": errors or {},
                "countries": request.env["res.country"].sudo().search([]),
                "join_languages": self._komunigi_join_languages(),
                "honeypot_field": HONEYPOT_FIELD,
                "max_lengths": JOIN_FIELDS,
            }
        )
        return request.render("komunigi_membership.komunigi_public_join", values)

    @route(
        "/komunigi/join",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        website=True,
        sitemap=True,
    )
    def komunigi_join(self, **post):
        """GET shows the page; POST (its CSRF token checked by the route)
        registers the candidate."""
        if request.httprequest.method != "POST":
            return self._komunigi_render_join(self._komunigi_join_defaults())
        form = {
            name: (
                (post.get(name) or "").strip()
                if isinstance(post.get(name), str)
                else ""
            )
            for name in JOIN_FIELDS
        }
        errors = self._komunigi_join_errors(form, post)
        if errors:
            return self._komunigi_render_join(form, errors)
        email = email_normalize(form["email"])
        Partner = request.env["res.partner"]
        resent = Partner._komunigi_join_resent(form["organisation"], email)
        if resent:
            return self._komunigi_render_thanks(form["organisation"], email)
        if Partner._komunigi_join_known(form["organisation"], email):
            return self._komunigi_render_join(form, {"known": self._known_message()})
        try:
            with request.env.cr.savepoint():
                Partner._komunigi_join(
                    {
                        "name": form["organisation"],
                        "city": form["city"],
                        "country_id": int(form["country_id"]),
                        "website": form["website"],
                        "lang": form["lang"],
                    },
                    {
                        "name": form["contact_name"],
                        "email": email,
                        "phone": form["phone"],
                        "lang": form["lang"],
                    },
                    form["message"],
                )
        except (SignupError, UserError):
            # The same form sent twice at once: the other request created the
            # account of this email (its login is unique).
            _logger.info("Join form: the account of a candidate already exists")
            return self._komunigi_render_join(form, {"known": self._known_message()})
        return self._komunigi_render_thanks(form["organisation"], email)

    def _komunigi_render_thanks(self, organisation, email):
        return request.render(
            "komunigi_membership.komunigi_public_join_thanks",
            {"organisation": organisation, "email": email},
        )

    def _known_message(self):
        return _(
            "This organisation or this email address already takes part in "
            "komunigi. Log in to follow your membership, or write to the "
            "coordination of komunigi."
        )

    def _komunigi_join_errors(self, form, post):
        """{field: message} of every field of the form that cannot be used;
        the website gets its scheme when it has none."""
        errors = {}
        if post.get(HONEYPOT_FIELD):
            errors["form"] = _(
                "Your request was not sent: leave the hidden field empty."
            )
        missing = {
            "organisation": _("Write the name of your organisation."),
            "country_id": _("Choose the country of your organisation."),
            "contact_name": _("Write your name."),
            "email": _("Write your email address."),
        }
        checks = {
            "email": self._komunigi_join_check_email,
            "country_id": self._komunigi_join_check_country,
            "website": self._komunigi_join_check_website,
            "phone": self._komunigi_join_check_phone,
        }
        for name, limit in JOIN_FIELDS.items():
            value = form[name]
            if not value and name in REQUIRED_FIELDS:
                errors[name] = missing[name]
            elif len(value) > limit:
                errors[name] = _(
                    "Write at most %(limit)s characters here.", limit=limit
                )
            elif value and name in checks:
                error = checks[name](value)
                if error:
                    errors[name] = error
        if form["lang"] not in dict(self._komunigi_join_languages()):
            errors["lang"] = _("Choose one of the languages of the list.")
        if form["website"] and "website" not in errors:
            form["website"] = self._komunigi_join_website(form["website"])
        return errors

    def _komunigi_join_check_email(self, email):
        if not single_email_re.match(email) or not email_normalize(email):
            return _("Write a valid email address, such as name@example.org.")
        return None

    def _komunigi_join_check_country(self, country_id):
        if (
            not country_id.isdigit()
            or not request.env["res.country"].sudo().browse(int(country_id)).exists()
        ):
            return _("Choose the country of your organisation.")
        return None

    def _komunigi_join_website(self, website):
        return website if "://" in website else "https://" + website

    def _komunigi_join_check_website(self, website):
        website = self._komunigi_join_website(website)
        try:
            parts = urlsplit(website)
        except ValueError:
            parts = None
        if (
            not parts
            or parts.scheme not in ("http", "https")
            or "." not in parts.netloc
            or " " in website
        ):
            return _(
                "Write the address of your website, such as https://example.org, "
                "or leave it empty."
            )
        return None

    def _komunigi_join_check_phone(self, phone):
        if not PHONE_RE.match(phone):
            return _("Write a phone number with digits only, such as +32 2 123 45 67.")
        return None
