# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import logging

from odoo import fields
from odoo.exceptions import UserError
from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal

_logger = logging.getLogger(__name__)


class KomunigiPortal(CustomerPortal):
    """/my pages of the member organisations: their membership, the welcome
    booklet and the intercoop assemblies.

    Portal users cannot read komunigi records: each page checks that the
    user's organisation is involved in komunigi, then reads what that
    organisation may see as superuser."""

    def _komunigi_organisation(self):
        """The organisation of the current user, when it takes part in komunigi."""
        organisation = request.env.user.partner_id.commercial_partner_id.sudo()
        if organisation.komunigi_state in ("candidate", "member"):
            return organisation
        return None

    def _komunigi_is_member(self):
        organisation = self._komunigi_organisation()
        return bool(organisation) and organisation.komunigi_state == "member"

    def _komunigi_assemblies(self):
        return (
            request.env["calendar.event"]
            .sudo()
            .search([("is_komunigi_assembly", "=", True)], order="start desc")
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        organisation = self._komunigi_organisation()
        if "komunigi_count" in counters:
            values["komunigi_count"] = 1 if organisation else 0
        if "komunigi_assembly_count" in counters:
            values["komunigi_assembly_count"] = (
                len(self._komunigi_assemblies()) if self._komunigi_is_member() else 0
            )
        return values

    @route("/my/komunigi", type="http", auth="user", website=True)
    def portal_my_komunigi(self, **kw):
        organisation = self._komunigi_organisation()
        if not organisation:
            return request.redirect("/my")
        return self._komunigi_render_membership(organisation)

    def _komunigi_render_membership(self, organisation, error=None, seat_id=None):
        values = self._prepare_portal_layout_values()
        person = request.env.user.partner_id
        Candidature = request.env["komunigi.candidature"].sudo()
        values.update(
            {
                "page_name": "komunigi",
                "organisation": organisation,
                "mandates": organisation.komunigi_mandate_ids.filtered(
                    lambda m: m.state in ("draft", "elected", "active")
                ),
                "open_seats": (
                    Candidature._komunigi_open_seats()
                    if organisation.komunigi_state == "member"
                    else Candidature.seat_id
                ),
                "my_candidatures": Candidature.search([("partner_id", "=", person.id)]),
                "follow_ups": (
                    request.env["komunigi.follow.up"]
                    .sudo()
                    .search(
                        [
                            ("state", "=", "todo"),
                            ("company_id", "in", request.env.user.company_ids.ids),
                        ]
                    )
                    if organisation.komunigi_state == "member"
                    else request.env["komunigi.follow.up"]
                ),
                "candidature_error": error,
                "candidature_seat_id": seat_id,
            }
        )
        return request.render("komunigi_membership.portal_my_komunigi", values)

    @route(
        "/my/komunigi/seats/<int:seat_id>/candidature",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_komunigi_candidature(self, seat_id, motivation=None, **kw):
        """The current user stands for a seat (the form posts its CSRF token,
        checked by the route)."""
        organisation = self._komunigi_organisation()
        if not organisation:
            return request.redirect("/my")
        seat = request.env["komunigi.mandate"].sudo().browse(seat_id).exists()
        try:
            request.env["komunigi.candidature"]._komunigi_submit(
                seat, request.env.user.partner_id, motivation
            )
        except UserError as error:
            return self._komunigi_render_membership(
                organisation, error=error.args[0], seat_id=seat_id
            )
        return request.redirect("/my/komunigi?candidature=sent")

    @route("/my/komunigi/booklet", type="http", auth="user", website=True)
    def portal_my_komunigi_booklet(self, **kw):
        organisation = self._komunigi_organisation()
        if not organisation:
            return request.redirect("/my")
        return self._komunigi_render_booklet(organisation)

    def _komunigi_render_booklet(self, organisation, pdf_error=False):
        values = self._prepare_portal_layout_values()
        values.update(
            request.env[
                "report.komunigi_membership.report_komunigi_booklet"
            ]._booklet_values()
        )
        values.update(
            {
                "page_name": "komunigi_booklet",
                "organisation": organisation,
                "pdf_error": pdf_error,
            }
        )
        return request.render("komunigi_membership.portal_my_komunigi_booklet", values)

    @route("/my/komunigi/booklet/pdf", type="http", auth="user", website=True)
    def portal_my_komunigi_booklet_pdf(self, **kw):
        organisation = self._komunigi_organisation()
        if not organisation:
            return request.redirect("/my")
        try:
            # Render now (not lazily), so that a failure shows a page.
            with request.env.cr.savepoint():
                response = self._show_report(
                    organisation,
                    "pdf",
                    "komunigi_membership.action_report_komunigi_booklet",
                )
        except Exception:  # pylint: disable=broad-except
            # No wkhtmltopdf, or the report failed: the member reads the
            # booklet on the page instead of an error 500.
            _logger.exception(
                "The welcome booklet PDF of partner %s could not be rendered",
                organisation.id,
            )
            return self._komunigi_render_booklet(organisation, pdf_error=True)
        return response

    @route("/my/komunigi/assemblies", type="http", auth="user", website=True)
    def portal_my_komunigi_assemblies(self, **kw):
        if not self._komunigi_is_member():
            return request.redirect("/my")
        now = fields.Datetime.now()
        assemblies = self._komunigi_assemblies()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "komunigi_assemblies",
                "upcoming": assemblies.filtered(lambda e: e.stop >= now).sorted(
                    "start"
                ),
                "past": assemblies.filtered(lambda e: e.stop < now),
            }
        )
        return request.render(
            "komunigi_membership.portal_my_komunigi_assemblies", values
        )

    @route(
        "/my/komunigi/assemblies/<int:assembly_id>",
        type="http",
        auth="user",
        website=True,
    )
    def portal_my_komunigi_assembly(self, assembly_id, **kw):
        if not self._komunigi_is_member():
            return request.redirect("/my")
        assembly = self._komunigi_assemblies().filtered(lambda e: e.id == assembly_id)
        if not assembly:
            return request.not_found()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "komunigi_assembly",
                "assembly": assembly,
                "my_attendee": self._komunigi_my_attendee(assembly),
                "can_answer": assembly.stop >= fields.Datetime.now(),
            }
        )
        return request.render("komunigi_membership.portal_my_komunigi_assembly", values)

    def _komunigi_my_attendee(self, assembly):
        """The invitation of the current user to ``assembly``, if any."""
        partner = request.env.user.partner_id
        return assembly.attendee_ids.filtered(lambda a: a.partner_id == partner)[:1]

    @route(
        "/my/komunigi/assemblies/<int:assembly_id>/rsvp",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_komunigi_assembly_rsvp(self, assembly_id, answer=None, **kw):
        """The delegate accepts or declines their own invitation (the form
        posts its CSRF token, checked by the route)."""
        if not self._komunigi_is_member():
            return request.redirect("/my")
        assembly = self._komunigi_assemblies().filtered(lambda e: e.id == assembly_id)
        attendee = assembly and self._komunigi_my_attendee(assembly)
        if not attendee or answer not in ("accepted", "declined"):
            return request.not_found()
        if assembly.stop >= fields.Datetime.now() and attendee.state != answer:
            if answer == "accepted":
                attendee.do_accept()
            else:
                attendee.do_decline()
        return request.redirect("/my/komunigi/assemblies/%d" % assembly.id)


class KomunigiPublic(CustomerPortal):
    """komunigi's public pages (no website needed)."""

    @route("/komunigi/core-team", type="http", auth="public", website=True)
    def komunigi_core_team(self, **kw):
        """The current core team: names, organisations, communities and
        dates of the seats, nothing else."""
        return request.render(
            "komunigi_membership.komunigi_public_core_team",
            {"seats": request.env["komunigi.mandate"]._komunigi_public_seats()},
        )
