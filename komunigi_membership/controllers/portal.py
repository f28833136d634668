# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import logging

from odoo import fields
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
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "komunigi",
                "organisation": organisation,
                "mandates": organisation.komunigi_mandate_ids.filtered(
                    lambda m: m.state in ("draft", "active")
                ),
            }
        )
        return request.render("komunigi_membership.portal_my_komunigi", values)

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
        values.update({"page_name": "komunigi_assembly", "assembly": assembly})
        return request.render("komunigi_membership.portal_my_komunigi_assembly", values)
