# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import http
from odoo.http import request

REPORT = "komunigi_contribution.action_report_komunigi_state"


class KomunigiStateReportPortal(http.Controller):
    @http.route(
        "/my/komunigi/transparency/state.pdf",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_komunigi_state_report(self, **kw):
        """The state of komunigi of the last quarter, for the user's
        companies, to the readers of the transparency page."""
        user = request.env.user
        if user.partner_id.commercial_partner_id.komunigi_state != "member" and not (
            user.has_group("komunigi_membership.group_komunigi_user")
        ):
            return request.redirect("/my")
        # The report action is read as superuser, the figures are those of
        # the user's companies (the report checks its reader again).
        pdf, __ = (
            request.env["ir.actions.report"].sudo()._render_qweb_pdf(REPORT, data={})
        )
        return request.make_response(
            pdf,
            headers=[
                ("Content-Type", "application/pdf"),
                ("Content-Length", len(pdf)),
                (
                    "Content-Disposition",
                    'inline; filename="state-of-komunigi.pdf"',
                ),
            ],
        )
