# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

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
