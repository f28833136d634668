# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request
from odoo.tools import float_round

from odoo.addons.portal.controllers.portal import CustomerPortal


class KomunigiRequestPortal(CustomerPortal):
    def _komunigi_request_domain(self):
        organisation = request.env.user.partner_id.commercial_partner_id
        # The requests of the organisation and those it follows (co-funds);
        # portal users cannot search the followers themselves: the ids come
        # from a search as superuser, the user's own search keeps the records
        # the user may read.
        followed = (
            request.env["project.task"]
            .sudo()
            .search(
                [
                    ("komunigi_is_request", "=", True),
                    ("message_partner_ids", "child_of", organisation.id),
                ]
            )
        )
        return [
            ("komunigi_is_request", "=", True),
            "|",
            ("komunigi_requester_id", "=", organisation.id),
            ("id", "in", followed.ids),
        ]

    def _komunigi_can_submit(self):
        organisation = request.env.user.partner_id.commercial_partner_id
        return organisation.komunigi_state == "member"

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "komunigi_request_count" in counters:
            Task = request.env["project.task"]
            values["komunigi_request_count"] = (
                Task.search_count(self._komunigi_request_domain())
                if Task.check_access_rights("read", raise_exception=False)
                else 0
            )
        if "komunigi_pledge_count" in counters:
            values["komunigi_pledge_count"] = len(
                request.env["project.task"]
                ._komunigi_board_requests()
                .filtered(lambda task: task._komunigi_pledge_open())
            )
        return values

    @http.route(
        "/my/komunigi/requests", type="http", auth="user", website=True, methods=["GET"]
    )
    def portal_my_komunigi_requests(self, **kw):
        requests = request.env["project.task"].search(
            self._komunigi_request_domain(), order="create_date desc"
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "komunigi_requests": requests,
                "page_name": "komunigi_requests",
                "komunigi_can_submit": self._komunigi_can_submit(),
            }
        )
        return request.render(
            "komunigi_contribution.portal_my_komunigi_requests", values
        )

    @http.route(
        "/my/komunigi/requests/<int:task_id>",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_my_komunigi_request(self, task_id, access_token=None, **kw):
        try:
            task = self._document_check_access("project.task", task_id, access_token)
        except (AccessError, MissingError):
            return request.redirect("/my")
        if not task.komunigi_is_request:
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update({"komunigi_request": task, "page_name": "komunigi_request"})
        return request.render(
            "komunigi_contribution.portal_my_komunigi_request", values
        )

    @http.route(
        "/my/komunigi/requests/new",
        type="http",
        auth="user",
        website=True,
        methods=["GET", "POST"],
    )
    def portal_komunigi_request_new(self, **post):
        if not self._komunigi_can_submit():
            return request.redirect("/my/komunigi/requests")
        values = self._prepare_portal_layout_values()
        values.update({"page_name": "komunigi_request_new", "error": False})
        if request.httprequest.method == "POST":
            name = (post.get("name") or "").strip()
            description = (post.get("description") or "").strip()
            if not name:
                values.update(
                    error=_("Give your request a title."), description=description
                )
            else:
                try:
                    task = request.env["project.task"]._komunigi_create_portal_request(
                        name, description
                    )
                except (AccessError, UserError) as error:
                    values.update(error=str(error), name=name, description=description)
                else:
                    return request.redirect("/my/komunigi/requests/%s" % task.id)
        return request.render(
            "komunigi_contribution.portal_komunigi_request_new", values
        )

    # Pledge board

    def _komunigi_board_values(self, **extra):
        organisation = request.env.user.partner_id.commercial_partner_id
        board = request.env["project.task"]._komunigi_board_requests()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "komunigi_pledges",
                "komunigi_board": board,
                "komunigi_organisation": organisation,
                "komunigi_can_pledge": organisation.komunigi_state == "member",
                "float_round": float_round,
                "error": False,
                "error_request": False,
                "pledged_request": False,
            }
        )
        values.update(extra)
        return values

    @http.route(
        "/my/komunigi/pledges", type="http", auth="user", website=True, methods=["GET"]
    )
    def portal_komunigi_pledge_board(self, pledged=None, **kw):
        values = self._komunigi_board_values()
        if pledged and pledged.isdigit():
            values["pledged_request"] = values["komunigi_board"].filtered(
                lambda task: task.id == int(pledged)
            )
        return request.render(
            "komunigi_contribution.portal_komunigi_pledge_board", values
        )

    @http.route(
        "/my/komunigi/pledges/<int:task_id>",
        type="http",
        auth="user",
        website=True,
        methods=["POST"],
    )
    def portal_komunigi_pledge(
        self, task_id, organisation_id=None, share_type=None, quantity=None, **kw
    ):
        """Pledge a share of a request for the user's organisation; every
        refusal is shown on the board, with nothing recorded."""
        try:
            organisation = request.env["res.partner"].browse(int(organisation_id))
            amount = float((quantity or "").replace(",", "."))
        except (TypeError, ValueError):
            error = _("Pledge a positive number of hours or a percentage.")
        else:
            try:
                with request.env.cr.savepoint():
                    request.env["project.task"].browse(task_id)._komunigi_pledge(
                        organisation, share_type, amount
                    )
            except UserError as exc:
                error = exc.args[0]
            else:
                return request.redirect("/my/komunigi/pledges?pledged=%d" % task_id)
        values = self._komunigi_board_values(error=error)
        values["error_request"] = values["komunigi_board"].filtered(
            lambda task: task.id == task_id
        )
        return request.render(
            "komunigi_contribution.portal_komunigi_pledge_board", values
        )

    # Transparency

    @http.route(
        "/my/komunigi/transparency",
        type="http",
        auth="user",
        website=True,
        methods=["GET"],
    )
    def portal_komunigi_transparency(self, **kw):
        organisation = request.env.user.partner_id.commercial_partner_id
        if organisation.komunigi_state != "member" and not request.env.user.has_group(
            "komunigi_membership.group_komunigi_user"
        ):
            return request.redirect("/my")
        values = self._prepare_portal_layout_values()
        values.update(request.env["komunigi.transparency"]._komunigi_values())
        values.update(
            {"page_name": "komunigi_transparency", "float_round": float_round}
        )
        return request.render(
            "komunigi_contribution.portal_komunigi_transparency", values
        )
