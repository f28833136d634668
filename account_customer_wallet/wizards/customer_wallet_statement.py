# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

import base64
import logging

from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools.misc import format_amount, format_date

_logger = logging.getLogger(__name__)


class CustomerWalletStatement(models.TransientModel):
    _name = "customer.wallet.statement"
    _inherit = "customer.wallet.wizard"
    _description = "Customer wallet statement"

    date_from = fields.Date(string="From")
    date_to = fields.Date(string="To")
    opening_balance = fields.Monetary(readonly=True)
    closing_balance = fields.Monetary(readonly=True)
    line_ids = fields.One2many(
        comodel_name="customer.wallet.statement.line",
        inverse_name="statement_id",
        string="Movements",
        readonly=True,
    )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for statement in self:
            if (
                statement.date_from
                and statement.date_to
                and statement.date_from > statement.date_to
            ):
                raise UserError(
                    _(
                        "The statement cannot end (%(date_to)s) before it starts "
                        "(%(date_from)s).",
                        date_from=format_date(self.env, statement.date_from),
                        date_to=format_date(self.env, statement.date_to),
                    )
                )

    def _compute_statement(self):
        for statement in self:
            partner = statement.partner_id.commercial_partner_id
            opening, rows, _total = self.env["customer.wallet.ledger"]._statement_rows(
                partner, statement.company_id, statement.date_from, statement.date_to
            )
            statement.write(
                {
                    "partner_id": partner.id,
                    "opening_balance": opening,
                    "closing_balance": rows[-1]["balance"] if rows else opening,
                    "line_ids": [Command.clear()]
                    + [
                        Command.create(
                            {
                                "date": row["date"],
                                "time": row["time"],
                                "reference": row["reference"],
                                "label": row["label"],
                                "journal_name": row["journal"],
                                "status": row["status"],
                                "amount": row["amount"],
                                "balance": row["balance"],
                            }
                        )
                        for row in rows
                    ],
                }
            )

    def name_get(self):
        names = []
        for statement in self:
            values = {
                "partner": statement.partner_id.display_name,
                "date_from": format_date(self.env, statement.date_from),
                "date_to": format_date(self.env, statement.date_to),
            }
            if statement.date_from and statement.date_to:
                name = _(
                    "Wallet statement of %(partner)s from %(date_from)s to "
                    "%(date_to)s",
                    **values,
                )
            elif statement.date_from:
                name = _("Wallet statement of %(partner)s from %(date_from)s", **values)
            elif statement.date_to:
                name = _("Wallet statement of %(partner)s until %(date_to)s", **values)
            else:
                name = _("Wallet statement of %(partner)s", **values)
            names.append((statement.id, name))
        return names

    def action_show(self):
        self.ensure_one()
        self._compute_statement()
        return {
            "type": "ir.actions.act_window",
            "name": self.display_name,
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def action_refresh(self):
        """Read the movements again, on the same screen (no new breadcrumb)."""
        self._compute_statement()
        return True

    def action_print(self):
        self._compute_statement()
        return self.env.ref(
            "account_customer_wallet.action_report_customer_wallet_statement"
        ).report_action(self)

    def _statement_attachment(self):
        """The statement as a PDF attachment, or None when it cannot be
        printed: the failure is then posted on the partner's chatter."""
        self.ensure_one()
        report = self.env.ref(
            "account_customer_wallet.action_report_customer_wallet_statement"
        )
        try:
            pdf, _format = report._render_qweb_pdf(report, res_ids=self.ids)
        except (UserError, OSError) as error:
            _logger.warning(
                "Wallet statement of partner %s not printed: %s",
                self.partner_id.id,
                error,
            )
            self._post_failure(
                _(
                    "The wallet statement could not be printed as a PDF, so it "
                    "was not attached to the email: %(error)s",
                    error=str(error),
                )
            )
            return None
        return self.env["ir.attachment"].create(
            {
                "name": _(
                    "Wallet statement %(partner)s.pdf",
                    partner=self.partner_id.display_name,
                ),
                "type": "binary",
                "datas": base64.b64encode(pdf),
                # attached to the message when it is sent
                "res_model": "mail.compose.message",
                "res_id": 0,
                "mimetype": "application/pdf",
            }
        )

    def _post_failure(self, message):
        """Note a failure on the chatter of the partner, as the current user
        (who may read the partner without being allowed to post on it)."""
        self.partner_id.sudo()._message_log(body=message)

    def action_send_email(self):
        self.ensure_one()
        self._compute_statement()
        attachment = self._statement_attachment()
        # posted as the current user, who may read the member without being
        # allowed to post on contacts; the member receives it by email
        partner = self.partner_id
        partner.sudo().with_context(mail_post_autofollow=False).message_post(
            author_id=self.env.user.partner_id.id,
            partner_ids=partner.ids,
            subject=_(
                "Your wallet statement at %(company)s",
                company=self.company_id.name,
            ),
            body=_(
                "Please find attached the statement of your wallet: its "
                "balance is %(balance)s.",
                balance=format_amount(self.env, self.closing_balance, self.currency_id),
            ),
            attachment_ids=attachment.ids if attachment else [],
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success" if attachment else "warning",
                "message": (
                    _(
                        "The wallet statement was emailed to %(partner)s.",
                        partner=partner.display_name,
                    )
                    if attachment
                    else _(
                        "The wallet statement was emailed to %(partner)s without its "
                        "PDF: the reason is on the member's chatter.",
                        partner=partner.display_name,
                    )
                ),
                "sticky": False,
            },
        }


class CustomerWalletStatementLine(models.TransientModel):
    _name = "customer.wallet.statement.line"
    _description = "Customer wallet statement line"
    _order = "id"

    statement_id = fields.Many2one(
        comodel_name="customer.wallet.statement", required=True, ondelete="cascade"
    )
    currency_id = fields.Many2one(related="statement_id.currency_id")
    date = fields.Date()
    time = fields.Datetime(help="When the purchase was paid at the till.")
    reference = fields.Char()
    label = fields.Char()
    journal_name = fields.Char(string="Journal or Till")
    status = fields.Char(
        help="Whether the movement is still at the till, or where it is booked."
    )
    amount = fields.Monetary()
    balance = fields.Monetary()
