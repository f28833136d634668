# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from markupsafe import Markup

from odoo import SUPERUSER_ID, Command, _, api, models
from odoo.tools import email_normalize, plaintext2html

from .res_partner import COORDINATOR_GROUP

# What the public join form may set, and nothing else: the controller builds
# the values from these keys only.
JOIN_ORGANISATION_FIELDS = ("name", "city", "country_id", "website", "lang")
JOIN_CONTACT_FIELDS = ("name", "email", "phone", "lang")


class ResPartner(models.Model):
    """An organisation asks to join komunigi from the public join page.

    Kept apart from ``res_partner.py`` (the membership itself): this is the
    only code path where a visitor creates komunigi records, as superuser."""

    _inherit = "res.partner"

    @api.model
    def _komunigi_join_known(self, organisation_name, email):
        """Whether an organisation of that name, or a person with that email,
        already takes part in komunigi (or has an account): the join form
        then refuses without saying who."""
        Partner = self.sudo().with_context(active_test=False)
        involved = ("candidate", "member")
        if Partner.search_count(
            [
                ("is_company", "=", True),
                ("komunigi_state", "in", involved),
                ("name", "=ilike", organisation_name),
            ],
            limit=1,
        ):
            return True
        if Partner.search_count(
            [
                ("email_normalized", "=", email),
                ("commercial_partner_id.komunigi_state", "in", involved),
            ],
            limit=1,
        ):
            return True
        return bool(
            self.env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count([("login", "=ilike", email)], limit=1)
        )

    @api.model
    def _komunigi_join_resent(self, organisation_name, email):
        """The candidate this join form already created for this email and
        organisation name (a second click, a reloaded page), or nothing."""
        contact = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("email_normalized", "=", email),
                    ("parent_id.is_company", "=", True),
                    ("parent_id.komunigi_state", "=", "candidate"),
                    ("parent_id.name", "=ilike", organisation_name),
                    ("user_ids", "!=", False),
                ],
                limit=1,
            )
        )
        return contact.parent_id

    @api.model
    def _komunigi_join(self, organisation_values, contact_values, message):
        """Register a candidate organisation from the public join form.

        Creates the organisation and its contact, registers the organisation
        as a candidate of the users' community (with its checklist), gives the
        contact a portal account with its invitation mail (as the core
        *Grant portal access* wizard does) and asks the coordinators to review
        the candidacy. The values come from the controller, restricted to
        ``JOIN_ORGANISATION_FIELDS`` and ``JOIN_CONTACT_FIELDS``.

        :return: the candidate organisation
        """
        organisation_values = {
            key: organisation_values[key]
            for key in JOIN_ORGANISATION_FIELDS
            if organisation_values.get(key)
        }
        contact_values = {
            key: contact_values[key]
            for key in JOIN_CONTACT_FIELDS
            if contact_values.get(key)
        }
        contact_values["email"] = email_normalize(contact_values["email"])
        # As OdooBot rather than the public user: it signs the tracking and
        # the activities the coordinators receive.
        Partner = self.with_user(SUPERUSER_ID)
        organisation = Partner.create(
            dict(
                organisation_values,
                is_company=True,
                komunigi_community="users",
                email=contact_values["email"],
            )
        )
        contact = Partner.create(
            dict(contact_values, parent_id=organisation.id, type="contact")
        )
        organisation.action_komunigi_make_candidate()
        wizard = Partner.env["portal.wizard"].create(
            {"partner_ids": [Command.set(contact.ids)]}
        )
        wizard.user_ids.action_grant_access()
        organisation._komunigi_join_notify(contact, message)
        return organisation

    def _komunigi_join_notify(self, contact, message):
        """Tell the coordinators on the organisation's chatter, with an
        activity each to review the candidacy."""
        self.ensure_one()
        lang = self.env["res.lang"]._lang_get(contact.lang)
        body = Markup("<p>%s</p>") % _(
            "%(contact)s (%(email)s) asked on the join page for %(organisation)s "
            "to join komunigi, in %(language)s.",
            contact=contact.name,
            email=contact.email,
            organisation=self.name,
            language=lang.name if lang else contact.lang,
        )
        if message:
            body += Markup("<blockquote>%s</blockquote>") % plaintext2html(message)
        self.message_post(body=body, author_id=contact.id, subtype_xmlid="mail.mt_note")
        coordinators = (
            self.env.ref(COORDINATOR_GROUP)
            .sudo()
            .users.filtered(lambda u: not u._is_superuser() and u.active)
        )
        for user in coordinators:
            self.activity_schedule(
                "komunigi_membership.mail_activity_type_review_candidacy",
                user_id=user.id,
            )
