# Copyright 2026 Coop IT Easy SC
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl.html).

from odoo import _, models


class MailMail(models.Model):
    _inherit = "mail.mail"

    def _postprocess_sent_message(
        self, success_pids, failure_reason=False, failure_type=None
    ):
        """Record the welcome booklet as sent when the mail server took it,
        or post the failure on the organisation with an activity."""
        booklets = self._komunigi_booklet_mails()
        if booklets:
            partners = self.env["res.partner"].browse(booklets.mapped("res_id"))
            if failure_type:
                for mail in booklets:
                    organisation = partners.browse(mail.res_id)
                    author = mail.author_id.user_ids[:1]
                    organisation._komunigi_booklet_failed(
                        failure_reason
                        or _(
                            "the mail server refused the mail (%(failure)s)",
                            failure=failure_type,
                        ),
                        author or self.env.user,
                    )
            else:
                partners._komunigi_booklet_delivered()
        return super()._postprocess_sent_message(
            success_pids, failure_reason=failure_reason, failure_type=failure_type
        )

    def _komunigi_booklet_mails(self):
        subtype = self.env.ref("komunigi_membership.mt_komunigi_booklet")
        return self.sudo().filtered(
            lambda mail: mail.model == "res.partner"
            and mail.res_id
            and mail.mail_message_id.subtype_id == subtype
        )
