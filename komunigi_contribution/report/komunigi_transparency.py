# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models

from ..models.project_task_type import FUNDED_STATES

# The states of the requests still waiting for their development.
BACKLOG_STATES = (
    "collected",
    "clarified",
    "specified",
    "prioritised",
    "estimated",
    "funding",
    "funded",
    "in_progress",
)


class KomunigiTransparency(models.AbstractModel):
    """What the members read on the portal's transparency page, month by
    month: the fees collected, the animation hours funded, given in kind and
    spent per activity, the requests' lead times and backlog, and what each
    funded development cost and who funded it, and the animation hours the
    analysis of each request took. Totals only, read as superuser for the
    komunigi companies of the current user."""

    _name = "komunigi.transparency"
    _description = "komunigi Transparency for the Members"

    @api.model
    def _komunigi_values(self, months=12, date_from=None, date_to=None):
        """The figures of the last months, or with date_from and date_to
        (dates, both included) those of that period: its months, the time
        spent and the requests done in it, the developments invoiced or worked
        on in it (the backlog is today's)."""
        companies = self.env.user.company_ids
        env = self.sudo().env
        company_domain = [("company_id", "in", companies.ids)]
        month_domain, date_domain, done_domain, development_domain = [], [], [], []
        if date_from and date_to:
            months = None
            month_domain = [("month", ">=", date_from), ("month", "<=", date_to)]
            date_domain = [("date", ">=", date_from), ("date", "<=", date_to)]
            end = fields.Datetime.to_datetime(date_to) + timedelta(days=1)
            done_domain = [
                (
                    "date_last_stage_update",
                    ">=",
                    fields.Datetime.to_datetime(date_from),
                ),
                ("date_last_stage_update", "<", end),
            ]
            development_domain = [
                "|",
                "&",
                ("komunigi_share_ids.invoice_id.invoice_date", ">=", date_from),
                ("komunigi_share_ids.invoice_id.invoice_date", "<=", date_to),
                "&",
                ("timesheet_ids.date", ">=", date_from),
                ("timesheet_ids.date", "<=", date_to),
            ]
        fees = {
            group["month:month"]: group
            for group in env["komunigi.fee.report"].read_group(
                company_domain + month_domain,
                ["amount_invoiced:sum", "amount_paid:sum"],
                ["month:month"],
                orderby="month desc",
                lazy=False,
            )
        }
        rows = env["komunigi.animation.report"].read_group(
            company_domain + month_domain,
            [
                "fee_hours:sum",
                "in_kind_hours:sum",
                "funded_hours:sum",
                "spent_hours:sum",
            ],
            ["month:month"],
            orderby="month desc",
            limit=months,
            lazy=False,
        )
        animation_domain = company_domain + [
            ("project_id.komunigi_is_animation_project", "=", True)
        ]
        activities = defaultdict(lambda: defaultdict(float))
        # The analysis of a request is booked against the request it served.
        analyses = defaultdict(lambda: defaultdict(float))
        for group in env["account.analytic.line"].read_group(
            animation_domain + date_domain,
            ["unit_amount:sum"],
            ["date:month", "task_id", "komunigi_request_id"],
            lazy=False,
        ):
            month = group["date:month"]
            if group["komunigi_request_id"]:
                request_name = group["komunigi_request_id"][1]
                analyses[month][request_name] += group["unit_amount"]
                label = _("Request analysis: %(request)s", request=request_name)
            elif group["task_id"]:
                label = group["task_id"][1]
            else:
                label = _("Other")
            activities[month][label] += group["unit_amount"]
        analysis_hours = {
            group["komunigi_request_id"][0]: group["unit_amount"]
            for group in env["account.analytic.line"].read_group(
                animation_domain + [("komunigi_request_id", "!=", False)],
                ["unit_amount:sum"],
                ["komunigi_request_id"],
                lazy=False,
            )
        }
        month_rows = []
        for row in rows:
            month = row["month:month"]
            fee = fees.get(month, {})
            month_rows.append(
                {
                    "month": month,
                    "fees_invoiced": fee.get("amount_invoiced") or 0.0,
                    "fees_collected": fee.get("amount_paid") or 0.0,
                    "fee_hours": row["fee_hours"],
                    "in_kind_hours": row["in_kind_hours"],
                    "spent_hours": row["spent_hours"],
                    "activities": sorted(activities.get(month, {}).items()),
                    "analysis_hours": sum(analyses.get(month, {}).values()),
                    "analyses": sorted(analyses.get(month, {}).items()),
                }
            )
        Task = env["project.task"]
        request_domain = company_domain + [("komunigi_is_request", "=", True)]
        state_labels = dict(
            Task._fields["komunigi_request_state"]._description_selection(self.env)
        )
        counts = {
            group["komunigi_request_state"]: group["__count"]
            for group in Task.read_group(
                request_domain + [("komunigi_request_state", "in", BACKLOG_STATES)],
                ["komunigi_request_state"],
                ["komunigi_request_state"],
                lazy=False,
            )
        }
        # In the order of the stages.
        backlog = [
            (state_labels[state], counts[state])
            for state in BACKLOG_STATES
            if state in counts
        ]
        done = Task.search(
            request_domain + done_domain + [("komunigi_request_state", "=", "done")],
            order="date_last_stage_update desc",
        )
        lead_times = [
            (task.name, (task.date_last_stage_update - task.create_date).days)
            for task in done
            if task.date_last_stage_update
        ]
        developments = [
            {
                "name": task.name,
                "state": state_labels[task.komunigi_request_state],
                "currency": task.komunigi_currency_id,
                "estimate_hours": task.komunigi_estimate_hours,
                "worked_hours": task.effective_hours,
                "analysis_hours": analysis_hours.get(task.id, 0.0),
                "funded_amount": task.komunigi_funded_amount,
                "invoiced_amount": task.komunigi_invoiced_amount,
                "cofunders": [
                    (share.partner_id.name, share.net_percent)
                    for share in task.komunigi_share_ids
                ],
            }
            for task in Task.search(
                request_domain
                + development_domain
                + [("komunigi_request_state", "in", FUNDED_STATES)],
                order="id desc",
            )
        ]
        # The requests waiting for their funding, with their analysis so far.
        analysed = [
            {
                "name": task.name,
                "state": state_labels[task.komunigi_request_state],
                "estimate_hours": task.komunigi_estimate_hours,
                "analysis_hours": analysis_hours.get(task.id, 0.0),
            }
            for task in Task.search(
                request_domain
                + [
                    ("komunigi_request_state", "in", BACKLOG_STATES),
                    ("komunigi_request_state", "not in", FUNDED_STATES),
                ],
                order="id desc",
            )
        ]
        return {
            "currency": companies[:1].currency_id,
            "months": month_rows,
            "backlog": backlog,
            "backlog_requests": analysed,
            "lead_times": lead_times,
            "developments": developments,
            "date_from": date_from,
            "date_to": date_to,
        }
