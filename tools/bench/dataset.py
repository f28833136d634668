"""The generated dataset: partners with families, posted wallet items, tills."""

import json
import time

FULL = {"partners": 100_000, "lines": 1_000_000, "orders": 1_000}
LINES_PER_MOVE = 100
FAMILY_EVERY = 5  # every 5th partner is a contact of the partner before it
MARKER = "komunigi_bench.dataset"
KINDS = ("wallet", "cash", "split")  # the payment methods of the POS measures


class Dataset:
    """Generates the dataset once per scale (mixed into the Bench)."""

    def ensure_dataset(self):
        with self.registry.cursor() as cr:
            env = self.env(cr)
            wanted = json.dumps(self.size, sort_keys=True)
            if env["ir.config_parameter"].get_param(MARKER) == wanted:
                print(f"dataset {wanted} already generated")
                self.configure_split(env)
                # orders of an interrupted run would count as pending in the
                # wallet balances, not in the SQL floor
                self.close_sessions(env, self.records(env))
                cr.commit()
                return
            start = time.perf_counter()
            self.configure(env)
            self.configure_split(env)
            self.generate_partners(env)
            self.generate_lines(env)
            env["ir.config_parameter"].set_param(MARKER, wanted)
            cr.commit()
            cr.execute("ANALYZE res_partner")
            cr.execute("ANALYZE account_move_line")
            cr.execute("ANALYZE account_move")
            print(f"dataset generated in {time.perf_counter() - start:.1f} s")

    def configure(self, env):
        company = env.ref("base.main_company")
        account = env["account.account"].create(
            {
                "code": "440100",
                "name": "Customer wallets",
                "account_type": "liability_current",
                "company_id": company.id,
            }
        )
        company.customer_wallet_account_id = account
        journal = env["account.journal"].create(
            {
                "name": "Wallet",
                "code": "WAL",
                "type": "bank",
                "is_customer_wallet_journal": True,
                "minimum_wallet_amount": 0.0,
                "company_id": company.id,
            }
        )
        bank = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", company.id)], limit=1
        )
        product = env["product.product"].create(
            {
                "name": "Bench bread",
                "type": "consu",
                "available_in_pos": True,
                "list_price": 2.0,
                "taxes_id": [(5, 0, 0)],
            }
        )
        cash = env["pos.payment.method"].create(
            {
                "name": "Bench cash",
                "journal_id": env["account.journal"]
                .search([("type", "=", "cash"), ("company_id", "=", company.id)])
                .filtered(lambda j: not j.is_customer_wallet_journal)[:1]
                .id,
                "company_id": company.id,
            }
        )
        wallet = env["pos.payment.method"].create(
            {
                "name": "Bench wallet",
                "journal_id": journal.id,
                "split_transactions": True,
                "company_id": company.id,
            }
        )
        configs = env["pos.config"].create(
            [
                {
                    "name": "Bench wallet till",
                    "payment_method_ids": [(6, 0, wallet.ids)],
                },
                {"name": "Bench cash till", "payment_method_ids": [(6, 0, cash.ids)]},
            ]
        )
        env["ir.config_parameter"].set_param(
            "komunigi_bench.records",
            json.dumps(
                {
                    "account": account.id,
                    "journal": journal.id,
                    "bank": bank.id,
                    "product": product.id,
                    "wallet_method": wallet.id,
                    "cash_method": cash.id,
                    "wallet_config": configs[0].id,
                    "cash_config": configs[1].id,
                }
            ),
        )
        env.flush_all()

    def configure_split(self, env):
        """Core's customer-identified payment method and its till.

        A bank journal with ``split_transactions``: the closing makes one
        payment per customer payment, what a shop uses without the addons.
        Added to a dataset generated before it existed.
        """
        rec = self.records(env)
        if "split_config" in rec:
            return
        method = env["pos.payment.method"].create(
            {
                "name": "Bench customer account",
                "journal_id": rec["bank"],
                "split_transactions": True,
                "company_id": env.ref("base.main_company").id,
            }
        )
        config = env["pos.config"].create(
            {"name": "Bench split till", "payment_method_ids": [(6, 0, method.ids)]}
        )
        rec.update(split_method=method.id, split_config=config.id)
        env["ir.config_parameter"].set_param("komunigi_bench.records", json.dumps(rec))
        env.flush_all()

    def generate_partners(self, env):
        """Partners by SQL: every FAMILY_EVERY-th one a contact of the one before."""
        cr = env.cr
        # Copies of one partner created by the ORM: every column that an
        # installed addon adds gets its default value.
        model = env["res.partner"].create({"name": "Bench member 0"})
        env.flush_all()
        cr.execute(
            """
            SELECT column_name FROM information_schema.columns
             WHERE table_name = 'res_partner'
               AND column_name NOT IN ('id', 'name', 'display_name')
            """
        )
        columns = ", ".join('"%s"' % row[0] for row in cr.fetchall())
        cr.execute(
            f"""
            INSERT INTO res_partner (name, display_name, {columns})
            SELECT 'Bench member ' || n, 'Bench member ' || n, {columns}
              FROM res_partner, generate_series(1, %s) n
             WHERE res_partner.id = %s
            RETURNING id
            """,
            [self.size["partners"], model.id],
        )
        ids = sorted(row[0] for row in cr.fetchall())
        model.unlink()
        heads, members = [], []
        for index, pid in enumerate(ids):
            if index % FAMILY_EVERY == FAMILY_EVERY - 1:
                members.append((pid, ids[index - 1]))
            else:
                heads.append(pid)
        cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id WHERE id = ANY(%s)",
            [heads],
        )
        cr.execute(
            """
            UPDATE res_partner partner
               SET parent_id = family.head, commercial_partner_id = family.head
              FROM unnest(%s::int[], %s::int[]) AS family(member, head)
             WHERE partner.id = family.member
            """,
            [[m for m, _h in members], [h for _m, h in members]],
        )
        env["ir.config_parameter"].set_param(
            "komunigi_bench.partners", json.dumps([ids[0], ids[-1]])
        )
        env.invalidate_all()

    def records(self, env):
        return json.loads(
            env["ir.config_parameter"].get_param("komunigi_bench.records")
        )

    def partner_range(self, env):
        return json.loads(
            env["ir.config_parameter"].get_param("komunigi_bench.partners")
        )

    def generate_lines(self, env):
        """Posted entries of LINES_PER_MOVE wallet items and one bank item each.

        Wallet items mix top-ups (credits) and payments (debits) so that
        balances are spread: most positive, some overdrawn.
        """
        cr = env.cr
        rec = self.records(env)
        first, last = self.partner_range(env)
        company = env.ref("base.main_company")
        journal = env["account.journal"].browse(rec["bank"])
        moves = (self.size["lines"] + LINES_PER_MOVE - 1) // LINES_PER_MOVE
        cr.execute(
            """
            INSERT INTO account_move (name, date, state, move_type, journal_id,
                                      company_id, currency_id, auto_post,
                                      create_uid, write_uid, create_date, write_date)
            SELECT 'BENCH/' || n, DATE '2026-01-01' + (n %% 300), 'posted', 'entry',
                   %(journal)s, %(company)s, %(currency)s, 'no', 1, 1, now(), now()
              FROM generate_series(1, %(moves)s) n
            RETURNING id
            """,
            {
                "journal": journal.id,
                "company": company.id,
                "currency": company.currency_id.id,
                "moves": moves,
            },
        )
        move_ids = sorted(row[0] for row in cr.fetchall())
        # Wallet items: item n of the dataset goes to partner first + n mod count.
        cr.execute(
            """
            WITH spread AS (
                SELECT n, (%(moves)s)[(n - 1) / %(per_move)s + 1] AS move_id,
                       %(first)s + (n::bigint * 7919) %% (%(last)s - %(first)s + 1)
                           AS partner_id
                  FROM generate_series(1, %(lines)s) n
            ), item AS (
                -- one member in 17 only spends (overdrawn), the others top up
                -- twice as often as they spend
                SELECT n, move_id, partner_id,
                       CASE WHEN n %% 3 = 0 OR partner_id %% 17 = 0
                            THEN ((n %% 4000) + 100) / 100.0
                            ELSE -((n %% 5000) + 100) / 100.0 END AS balance
                  FROM spread
            )
            INSERT INTO account_move_line (move_id, journal_id, company_id,
                account_id, partner_id, name, date, parent_state, display_type,
                balance, debit, credit, amount_currency, currency_id,
                company_currency_id, amount_residual, amount_residual_currency,
                create_uid, write_uid, create_date, write_date)
            SELECT item.move_id, %(journal)s, %(company)s, %(account)s,
                   item.partner_id, 'Bench wallet item', move.date, 'posted',
                   'product', item.balance, GREATEST(item.balance, 0),
                   GREATEST(-item.balance, 0), item.balance, %(currency)s,
                   %(currency)s, 0, 0, 1, 1, now(), now()
              FROM item JOIN account_move move ON move.id = item.move_id
            """,
            {
                "moves": move_ids,
                "per_move": LINES_PER_MOVE,
                "first": first,
                "last": last,
                "lines": self.size["lines"],
                "journal": journal.id,
                "company": company.id,
                "account": rec["account"],
                "currency": company.currency_id.id,
            },
        )
        # One bank item per entry balances it.
        cr.execute(
            """
            INSERT INTO account_move_line (move_id, journal_id, company_id,
                account_id, name, date, parent_state, display_type, balance,
                debit, credit, amount_currency, currency_id, company_currency_id,
                amount_residual, amount_residual_currency,
                create_uid, write_uid, create_date, write_date)
            SELECT line.move_id, %(journal)s, %(company)s, %(bank_account)s,
                   'Bench bank item', MIN(line.date), 'posted', 'product',
                   -SUM(line.balance), GREATEST(-SUM(line.balance), 0),
                   GREATEST(SUM(line.balance), 0), -SUM(line.balance),
                   %(currency)s, %(currency)s, 0, 0, 1, 1, now(), now()
              FROM account_move_line line
             WHERE line.move_id = ANY(%(moves)s)
          GROUP BY line.move_id
            """,
            {
                "moves": move_ids,
                "journal": journal.id,
                "company": company.id,
                "bank_account": journal.default_account_id.id,
                "currency": company.currency_id.id,
            },
        )
        env.invalidate_all()

    def close_sessions(self, env, rec):
        """Close the sessions of the bench's points of sale left open."""
        for kind in KINDS:
            session = env["pos.config"].browse(rec[f"{kind}_config"]).current_session_id
            if session:
                session.cash_register_balance_end_real = (
                    session.cash_register_balance_end
                )
                session.action_pos_session_closing_control()
