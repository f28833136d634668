"""One till, as pos_customer_wallet's POS JavaScript works.

For each order the cashier selects a member (the payment screen reads the
member's balance: ``get_customer_wallet_balances``), then validates: an order
that moves the wallet first asks the server (``check_customer_wallet_debit``
with the till's unsynced debit of the member, 5 s timeout, as
``PaymentScreen._checkCustomerWallet``); a refused ask abandons the order, a
connection error falls back on the last known balance (the ``last_known``
offline policy). The validated order joins the till's queue and is pushed
alone (``create_from_ui``, as ``push_single_order``); an order that failed to
sync stays queued, and the whole queue is pushed (``push_orders``, one order
at a time after a server error: ``_flush_orders_retry``) when the cashier
presses the sync button, every 20 s while orders wait, and when the till comes
back online.
"""

import itertools
import random
import threading
import time

import requests

HOLD_TIMEOUT = 5.0  # PaymentScreen: {timeout: 5000}
SYNC_TIMEOUT = 30.0  # _save_to_server: 30 s an order
# the cashier presses the sync button of a till with orders waiting
SYNC_BUTTON_SECONDS = 20.0
DIGITS = 2


class ConnectionFailure(Exception):
    """The request did not reach the server or its answer was lost."""


class ServerError(Exception):
    """The server answered with an error (``error.code === 200`` in the POS)."""

    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name
        self.message = message


def money(amount):
    return round(amount + 0.0, DIGITS)


class Client:
    """JSON-RPC over HTTP as the POS's ``rpc`` service, one cookie jar."""

    def __init__(self, base, db, till):
        self.base = base
        self.db = db
        self.till = till
        self.http = requests.Session()
        self.ids = itertools.count(1)

    def _post(self, path, params, timeout):
        self.till.before_request()
        start = time.perf_counter()
        try:
            response = self.http.post(
                self.base + path,
                json={
                    "jsonrpc": "2.0",
                    "method": "call",
                    "params": params,
                    "id": next(self.ids),
                },
                timeout=timeout,
            )
        except requests.RequestException as error:
            raise ConnectionFailure(type(error).__name__) from error
        finally:
            # every request's time in a worker (and on the way), the
            # injected delay left out: what an order costs the server
            self.till.stats.timing("rpc", time.perf_counter() - start)
        if response.status_code != 200:
            raise ConnectionFailure(f"HTTP {response.status_code}")
        try:
            body = response.json()
        except ValueError as error:
            raise ConnectionFailure("no JSON answer") from error
        if "error" in body:
            data = body["error"].get("data") or {}
            raise ServerError(
                data.get("name") or "error", data.get("message") or str(body["error"])
            )
        # Odoo leaves out the result of a method that returns None
        return body.get("result")

    def login(self, login, password):
        return self._post(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
            30,
        )

    def call(self, model, method, *args, timeout=30.0, **kwargs):
        stats = self.till.stats
        stats.flight(method, 1)
        try:
            return self._post(
                f"/web/dataset/call_kw/{model}/{method}",
                {
                    "model": model,
                    "method": method,
                    "args": list(args),
                    "kwargs": kwargs,
                },
                timeout,
            )
        finally:
            stats.flight(method, -1)


class Till(threading.Thread):
    def __init__(self, number, spec, setup, run):
        super().__init__(name=f"till-{number}", daemon=True)
        self.number = number
        self.spec = spec
        self.setup = setup
        self.run_state = run
        self.stats = run.stats
        self.rng = random.Random(run.seed * 1000 + number)
        self.client = Client(run.base, run.db, self)
        self.queue = []  # orders validated, not synced yet (pos.db orders)
        self.validated = {}  # name -> order: every order this till accepted
        self.refundable = []  # (order name, line id, amount, wallet paid) synced
        self.partners = {}  # id -> last known balance
        self.offline_until = 0.0
        self.slow = 0.0
        self.resync_twice = False
        self.last_flush = time.monotonic()
        self.sequence = 0
        self.error = None

    # ------------------------------------------------------------------
    # The network as this till sees it
    # ------------------------------------------------------------------

    def before_request(self):
        if time.monotonic() < self.offline_until:
            raise ConnectionFailure("till offline")
        if self.slow:
            time.sleep(self.slow)

    def timing(self, what, seconds):
        self.stats.timing(what, seconds)
        if not self.slow:
            # what the server and the network take, without the slowed till
            self.stats.timing(f"{what}_unslowed", seconds)

    def go_offline(self, seconds):
        self.offline_until = time.monotonic() + seconds
        self.resync_twice = True

    # ------------------------------------------------------------------
    # Start of the session
    # ------------------------------------------------------------------

    def open(self):
        session = self.client.login(self.spec["login"], self.spec["password"])
        self.uid = session["uid"]
        config = self.spec["config"]
        self.client.call("pos.config", "open_ui", [config])
        data = self.client.call(
            "pos.config", "read", [config], ["current_session_id", "pricelist_id"]
        )[0]
        self.session_id = data["current_session_id"][0]
        self.pricelist_id = data["pricelist_id"][0]
        state = self.client.call("pos.session", "read", [self.session_id], ["state"])
        if state[0]["state"] == "opening_control":
            self.client.call(
                "pos.session", "set_cashbox_pos", [self.session_id], 0.0, ""
            )
        start = time.perf_counter()
        loaded = self.client.call(
            "pos.session", "load_pos_data", [self.session_id], timeout=120
        )
        self.stats.timing("load_pos_data", time.perf_counter() - start)
        self.login_number = loaded["pos.session"].get("login_number") or 1
        members = set(self.setup["members"])
        for partner in loaded["res.partner"]:
            if str(partner["id"]) in members:
                self.partners[partner["id"]] = partner["customer_wallet_balance"]
        missing = sorted(int(pid) for pid in members - {str(p) for p in self.partners})
        if missing:
            # beyond the partners loaded at the start: the cashier's search
            found = self.client.call(
                "pos.session",
                "get_pos_ui_res_partner_by_params",
                [self.session_id],
                {"domain": [["id", "in", missing]], "limit": len(missing)},
            )
            for partner in found:
                self.partners[partner["id"]] = partner["customer_wallet_balance"]
        missing = members - {str(pid) for pid in self.partners}
        assert not missing, f"till {self.number}: members not found {sorted(missing)}"

    # ------------------------------------------------------------------
    # Orders
    # ------------------------------------------------------------------

    def run(self):
        try:
            self.open()
            self.run_state.opened.wait()
            while not self.run_state.stop.is_set() and self.stats.budget():
                if self.offline_until and time.monotonic() >= self.offline_until:
                    # back online: the queue goes at once, and twice
                    self.offline_until = 0.0
                    self.flush_queue()
                elif time.monotonic() - self.last_flush > SYNC_BUTTON_SECONDS:
                    self.flush_queue()
                self.one_order()
                time.sleep(self.rng.uniform(0.05, 0.3))
        except Exception as error:  # reported, fails the run
            self.error = repr(error)
            self.stats.event(f"till {self.number} crashed: {error!r}")

    def _next_name(self):
        self.sequence += 1
        uid = f"{self.session_id:05d}-{self.login_number:03d}-{self.sequence:04d}"
        return uid, f"Order {uid}"

    def _line(self, product_id, qty, price, refunded=False):
        amount = money(qty * price)
        line = {
            "qty": qty,
            "price_unit": price,
            "price_subtotal": amount,
            "price_subtotal_incl": amount,
            "discount": 0,
            "product_id": product_id,
            "tax_ids": [[6, False, []]],
            "id": self.sequence * 10 + 1,
            "pack_lot_ids": [],
            "description": "",
            "full_product_name": "",
            "price_extra": 0,
            "customer_note": "",
            "price_manually_set": False,
            "price_automatically_set": False,
        }
        if refunded:
            line["refunded_orderline_id"] = refunded
        return line

    def _payment(self, method, amount):
        return {
            "name": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
            "payment_method_id": method,
            "amount": money(amount),
            "payment_status": "",
            "ticket": "",
            "card_type": "",
            "cardholder_name": "",
            "transaction_id": "",
        }

    def build(self):
        """A new order: (kind, partner id, lines, payments)."""
        rng = self.rng
        partner = int(rng.choice(sorted(self.setup["members"], key=int)))
        kind = rng.choices(
            ("wallet", "split", "top_up", "refund"), weights=(50, 20, 18, 12)
        )[0]
        cash, wallet = self.setup["cash_method"], self.setup["wallet_method"]
        if kind == "refund":
            if not self.refundable:
                kind = "wallet"
            else:
                name, line_id, price, product, partner = self.refundable.pop(
                    rng.randrange(len(self.refundable))
                )
                lines = [self._line(product, -1, price, refunded=line_id)]
                return kind, partner, lines, [self._payment(wallet, -price)], name
        if kind == "top_up":
            amount = float(rng.choice((5, 10, 20, 25)))
            lines = [self._line(self.setup["top_up_product"], amount, 1.0)]
            return kind, partner, lines, [self._payment(cash, amount)], None
        lines = []
        for _n in range(rng.randint(1, 3)):
            product = rng.choice(self.setup["products"])
            lines.append(self._line(product["id"], rng.randint(1, 2), product["price"]))
            lines[-1]["id"] += len(lines)
        total = money(sum(line["price_subtotal_incl"] for line in lines))
        if kind == "wallet":
            return kind, partner, lines, [self._payment(wallet, total)], None
        part = money(min(total, rng.choice((2.0, 5.0, total / 2))))
        payments = [self._payment(wallet, part), self._payment(cash, total - part)]
        return kind, partner, lines, payments, None

    def wallet_debit(self, data):
        """jsonOrderWalletDebit: wallet payments minus top-up lines."""
        debit = 0.0
        for _c, _i, payment in data["statement_ids"]:
            if payment["payment_method_id"] == self.setup["wallet_method"]:
                debit += payment["amount"]
        for _c, _i, line in data["lines"]:
            if line["product_id"] == self.setup["top_up_product"]:
                debit -= line["price_subtotal"]
        return money(debit)

    def unsynced_debit(self, partner, except_name=None):
        """getCustomerWalletUnsyncedDebit: queued orders without a live hold."""
        now = time.time() * 1000
        return money(
            sum(
                self.wallet_debit(order["data"])
                for order in self.queue
                if order["data"]["partner_id"] == partner
                and order["data"]["name"] != except_name
                and not (order["data"]["customer_wallet_held_until"] or 0) > now
            )
        )

    def one_order(self):
        kind, partner, lines, payments, refunded = self.build()
        uid, name = self._next_name()
        total = money(sum(line["price_subtotal_incl"] for line in lines))
        data = {
            "name": name,
            "uid": uid,
            "amount_paid": total,
            "amount_total": total,
            "amount_tax": 0.0,
            "amount_return": 0.0,
            "lines": [[0, 0, line] for line in lines],
            "statement_ids": [[0, 0, payment] for payment in payments],
            "pos_session_id": self.session_id,
            "pricelist_id": self.pricelist_id,
            "partner_id": partner,
            "user_id": self.uid,
            "sequence_number": self.sequence,
            "creation_date": time.strftime("%Y-%m-%d %H:%M:%S", time.gmtime()),
            "fiscal_position_id": False,
            "server_id": False,
            "to_invoice": False,
            "to_ship": False,
            "is_tipped": False,
            "tip_amount": 0,
            "access_token": "",
            "customer_wallet_balance_after": None,
            "customer_wallet_balance_is_estimate": False,
            "customer_wallet_held_until": None,
        }
        # the payment screen mounts: it reads the member's balance
        try:
            balances = self.client.call(
                "pos.session",
                "get_customer_wallet_balances",
                [self.session_id],
                [partner],
                timeout=HOLD_TIMEOUT,
            )
            self.partners[partner] = balances[str(partner)]
        except (ConnectionFailure, ServerError):
            pass
        if not self.validate(kind, partner, data):
            return
        order = {"id": uid, "data": data}
        self.queue.append(order)
        self.validated[name] = {
            "kind": kind,
            "partner": partner,
            "movement": -self.wallet_debit(data),
            "offline": data["customer_wallet_balance_is_estimate"],
            "refunded": refunded,
            "till": self.number,
        }
        self.stats.count("accepted", kind)
        self.push([order])

    def validate(self, kind, partner, data):
        """_checkCustomerWallet: True when the cashier may validate."""
        debit = self.wallet_debit(data)
        unsynced = self.unsynced_debit(partner, data["name"])
        wallet_lines = [
            p
            for _c, _i, p in data["statement_ids"]
            if p["payment_method_id"] == self.setup["wallet_method"]
        ]
        self.stats.count("sent", kind)
        for attempt in range(3):
            start = time.perf_counter()
            try:
                result = self.client.call(
                    "pos.session",
                    "check_customer_wallet_debit",
                    [self.session_id],
                    partner,
                    debit,
                    wallet_lines[0]["payment_method_id"] if wallet_lines else False,
                    data["name"],
                    unsynced,
                    timeout=HOLD_TIMEOUT,
                )
            except ConnectionFailure:
                return self.validate_offline(kind, partner, data, debit, unsynced)
            except ServerError as error:
                # the POS shows the error; the cashier validates again
                self.stats.count("hold_errors", error.name)
                time.sleep(1.0 + attempt)
                continue
            self.timing("hold", time.perf_counter() - start)
            self.partners[partner] = result["balance"]
            if not result["allowed"]:
                self.stats.refuse(kind, result.get("message") or "refused")
                return False
            data["customer_wallet_balance_after"] = money(
                result["balance"] - unsynced - debit
            )
            data["customer_wallet_balance_is_estimate"] = False
            if result.get("hold_seconds"):
                data["customer_wallet_held_until"] = (
                    time.time() + result["hold_seconds"]
                ) * 1000
                self.partners[partner] = money(result["balance"] - debit)
            return True
        self.stats.refuse(kind, "server error at the ask, three times")
        return False

    def validate_offline(self, kind, partner, data, debit, unsynced):
        """_checkCustomerWalletOffline with the last_known policy."""
        available = self.partners.get(partner, 0.0) - unsynced
        after = money(available - debit)
        if debit > 0 and after < self.setup["limit"]:
            self.stats.refuse(
                kind, "offline: below the limit at the last known balance"
            )
            return False
        data["customer_wallet_balance_after"] = after
        data["customer_wallet_balance_is_estimate"] = True
        self.stats.count("offline_validated", kind)
        return True

    # ------------------------------------------------------------------
    # Sync
    # ------------------------------------------------------------------

    def push(self, orders):
        """_save_to_server: True when the server took them all."""
        start = time.perf_counter()
        try:
            results = self.client.call(
                "pos.order",
                "create_from_ui",
                orders,
                False,
                timeout=SYNC_TIMEOUT * len(orders),
            )
        except (ConnectionFailure, ServerError) as error:
            self.stats.count("sync_failures", type(error).__name__)
            if isinstance(error, ServerError):
                self.stats.count("sync_server_errors", error.name)
                self.stats.note_error(error)
                if len(orders) > 1:  # _flush_orders_retry, one by one
                    return all([self.push([order]) for order in list(orders)])
            return False
        self.timing("sync", time.perf_counter() - start)
        self.stats.count("synced_batches", str(len(orders)))
        sent = {order["data"]["name"] for order in orders}
        self.queue = [o for o in self.queue if o["data"]["name"] not in sent]
        for result in results:
            if result.get("customer_wallet_partner_id"):
                self.partners[result["customer_wallet_partner_id"]] = result[
                    "customer_wallet_balance"
                ]
            self.remember_refundable(result)
        self.stats.count("orders_synced", "total", len(results))
        return True

    def remember_refundable(self, result):
        info = self.validated.get(result["pos_reference"])
        if not info or info["kind"] != "wallet" or info["offline"]:
            return
        if self.rng.random() > 0.5:
            return
        try:
            exported = self.client.call(
                "pos.order", "export_for_ui", [result["id"]], timeout=10
            )
        except (ConnectionFailure, ServerError):
            return
        line = exported[0]["lines"][0][2]
        self.refundable.append(
            (
                result["pos_reference"],
                line["id"],
                line["price_unit"],
                line["product_id"],
                info["partner"],
            )
        )

    def flush_queue(self):
        """push_orders: the whole queue; twice after coming back online."""
        if not self.queue or time.monotonic() < self.offline_until:
            return True
        self.last_flush = time.monotonic()
        batch = list(self.queue)
        synced = self.push(batch)
        if synced and self.resync_twice:
            # the queue is sent again (its answer lost): duplicates
            self.resync_twice = False
            self.stats.count("duplicates_sent", "resync", len(batch))
            self.stats.event(
                f"till {self.number} back online: resent its {len(batch)} "
                "queued orders a second time"
            )
            self.push(batch)
        return synced

    def final_resync(self, deadline):
        self.offline_until = 0.0
        while self.queue and time.monotonic() < deadline:
            if not self.flush_queue():
                time.sleep(2)
        return not self.queue

    # ------------------------------------------------------------------
    # Closing
    # ------------------------------------------------------------------

    def close(self):
        """The closing screen: count the cash, close from the UI."""
        data = self.client.call(
            "pos.session", "get_closing_control_data", [self.session_id], timeout=60
        )
        cash = (data.get("default_cash_details") or {}).get("amount", 0.0)
        self.client.call(
            "pos.session", "post_closing_cash_details", [self.session_id], cash
        )
        self.client.call(
            "pos.session", "update_closing_control_state_session", [self.session_id], ""
        )
        result = self.client.call(
            "pos.session", "close_session_from_ui", [self.session_id], [], timeout=300
        )
        return result
