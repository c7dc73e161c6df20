"""Type stubs of the native module ``remitcost._remitcost`` (hand-written, checked by
``python -m mypy.stubtest remitcost`` in the test suite)."""

from datetime import datetime
from decimal import Decimal
import os
from typing import IO, Any, Final, Iterable, Literal, Mapping, Union, final

from typing_extensions import TypeAlias




__all__ = [
    "__version__",
    "RemitError",
    "PCT_DECIMALS",
    "Currency",
    "Money",
    "Rounding",
    "Rate",
    "FeeSchedule",
    "Charges",
    "Offer",
    "CostOptions",
    "Quote",
    "Cost",
    "Table",
    "cost_table",
    "Ranked",
    "Excluded",
    "Ranking",
    "rank_offers",
    "RATE_DECIMALS",
    "Dataset",
    "ValidationReport",
    "CorridorAverages",
    "WdiSeries",
    "BilateralMatrix",
    "read_rpw",
    "read_rpw_csv",
    "read_rpw_json",
    "read_rpw_xlsx",
    "CountriesSheet",
    "read_countries_xlsx",
    "read_corridor_averages",
    "read_wdi_csv",
    "read_bilateral_matrix",
    "AggregateOptions",
    "Grouping",
    "group",
    "Indicators",
    "indicators",
    "corridor_indicators",
    "group_corridors",
    "published_indicators",
    "Published",
    "PublishedPeriod",
    "Average",
    "AnnualAverage",
    "Partial",
    "cost_columns",
    "Period",
    "RpwAmount",
    "parse_decimal",
    "fx_margin_pct",
    "fx_margin",
]

__version__: Final[str]
PCT_DECIMALS: Final[int]
RATE_DECIMALS: Final[int]

_DecimalLike: TypeAlias = Union[Decimal, int, str, float]
"""A decimal argument; a float is read through its shortest repr, NaN/inf are refused."""
_CurrencyLike: TypeAlias = Union["Currency", str]
_RoundingLike: TypeAlias = Union["Rounding", str]
_PeriodLike: TypeAlias = Union["Period", str]
_RpwAmountLike: TypeAlias = Union["RpwAmount", str]
_Json: TypeAlias = Union[Mapping[str, Any], str]
_OfferLike: TypeAlias = Union["Offer", Mapping[str, Any], str]
_OptionsLike: TypeAlias = Union["CostOptions", Mapping[str, Any], str, None]
_Source: TypeAlias = Union[str, "os.PathLike[str]", bytes, IO[str], IO[bytes]]
_Column: TypeAlias = Iterable[_DecimalLike] | Any
"""A column of amounts: a list, a pyarrow Array/ChunkedArray, a pandas/polars Series, a numpy array."""

class RemitError(ValueError):
    """An error from remitcost. `code` is the stable machine-readable kind, the same string as the Rust core's `Error::code()` and the JavaScript `RemitError.code` (e.g. "invalid_rate", "unknown_currency", "invalid_decimal")."""

    code: str

def parse_decimal(text: str) -> Decimal:
    """Parses a decimal number as core does: plain digits or scientific notation, surrounding
    white space ignored; anything else (`"1,000"`, `"NaN"`, `""`) raises `RemitError` with code
    `invalid_decimal`.

    >>> parse_decimal("5E-2")
    Decimal('0.05')
    """

@final
class Currency:
    """An ISO 4217 currency that money can be sent in, with its minor units (EUR 2, JPY 0,
    KWD 3). Codes are case-insensitive; codes that are not money (`XAU`, `XDR`) raise
    `RemitError` with code `unknown_currency`.

    >>> Currency(code="xof")
    Currency('XOF')
    >>> Currency.parse("KWD").minor_units
    3
    """
    def __new__(cls, *, code: str) -> Currency: ...
    @staticmethod
    def parse(code: str) -> Currency:
        """Looks up an ISO 4217 alphabetic code (same as `Currency(code=...)`)."""
    @property
    def code(self) -> str:
        """The three-letter code, upper case."""
    @property
    def minor_units(self) -> int:
        """How many decimal places the currency's minor unit has."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: Currency, /) -> bool: ...
    def __le__(self, other: Currency, /) -> bool: ...
    def __gt__(self, other: Currency, /) -> bool: ...
    def __ge__(self, other: Currency, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class Rounding:
    """How a result is rounded when it is reported (nothing is rounded inside a computation).
    Names follow Python's `decimal` module: `UP` rounds away from zero, `DOWN` towards zero.
    Wherever a rounding is expected its JSON name is accepted too (`"half_even"`,
    `"half_away_from_zero"`, `"up"`, `"down"`).

    >>> Rounding.HALF_EVEN.round(Decimal("2.345"), 2)
    Decimal('2.34')
    >>> Rounding.HALF_AWAY_FROM_ZERO.round(Decimal("2.345"), 2)
    Decimal('2.35')
    """
    HALF_EVEN: Final[Rounding]
    HALF_AWAY_FROM_ZERO: Final[Rounding]
    UP: Final[Rounding]
    DOWN: Final[Rounding]
    @staticmethod
    def parse(name: str) -> Rounding:
        """The rule from its JSON name (`"half_even"`, `"half_away_from_zero"`, `"up"`, `"down"`)."""
    def round(self, value: _DecimalLike, places: int) -> Decimal:
        """`value` rounded to `places` decimals under this rule, at exactly that scale."""
    def round_pct(self, pct: _DecimalLike) -> Decimal:
        """A percentage rounded to `PCT_DECIMALS` (4) places."""
    def round_money(self, amount: _DecimalLike, currency: _CurrencyLike) -> Decimal:
        """An amount rounded to the minor units of `currency`."""
    @property
    def value(self) -> str:
        """The JSON name of the rule (`"half_even"`, …)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __int__(self) -> int: ...

@final
class Money:
    """An exact amount in one currency. `+` and `-` are checked: mixing currencies raises
    `RemitError` with code `currency_mismatch`. Nothing is rounded until `round()`.

    >>> fee = Money(amount="4.99", currency="EUR")
    >>> fee + Money(amount="0.001", currency="EUR")
    Money(amount=Decimal('4.991'), currency='EUR')
    >>> str((fee + Money(amount="0.001", currency="EUR")).round())
    '4.99 EUR'
    """
    def __new__(cls, *, amount: _DecimalLike, currency: _CurrencyLike) -> Money: ...
    @staticmethod
    def parse(amount: str, currency: str) -> Money:
        """Parses an amount (as `parse_decimal` reads it) and a currency code."""
    @property
    def amount(self) -> Decimal:
        """The amount, in major units."""
    @property
    def currency(self) -> Currency:
        """The currency."""
    def round(self, rule: _RoundingLike = ...) -> Money:
        """The amount rounded to the currency's minor units under `rule`, at exactly that scale."""
    def __add__(self, other: Money, /) -> Money: ...
    def __sub__(self, other: Money, /) -> Money: ...
    def __radd__(self, other: Money, /) -> Money: ...
    def __rsub__(self, other: Money, /) -> Money: ...
    def to_dict(self) -> dict[str, Any]:
        """`{"amount": Decimal, "currency": "EUR"}`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[str, str]]: ...

@final
class Rate:
    """An exchange rate: one unit of `base` is worth `value` units of `quote`
    (`1 EUR = 655.957 XOF`). Validated: the value is positive and a currency's rate to itself
    is 1, else `RemitError` with code `invalid_rate`. Inversion and cross rates keep the 28
    significant digits of the core's decimal.

    >>> r = Rate(base="EUR", quote="XOF", value="655.957")
    >>> r.convert(Money(amount=200, currency="EUR"))
    Money(amount=Decimal('131191.400'), currency='XOF')
    """
    def __new__(cls, *, base: _CurrencyLike, quote: _CurrencyLike, value: _DecimalLike) -> Rate: ...
    @staticmethod
    def identity(currency: _CurrencyLike) -> Rate:
        """The rate of a currency to itself (1), for same-currency transfers."""
    @property
    def base(self) -> Currency:
        """The currency one unit of which is priced."""
    @property
    def quote(self) -> Currency:
        """The currency the price is in."""
    @property
    def value(self) -> Decimal:
        """Units of `quote` per unit of `base`."""
    def inverse(self) -> Rate:
        """The same rate quoted the other way round."""
    def oriented(self, base: _CurrencyLike, quote: _CurrencyLike) -> Rate:
        """This rate as `base → quote`, inverted if quoted the other way; `currency_mismatch` if
        it is a rate between other currencies.
        """
    def cross(self, other: Rate) -> Rate:
        """The cross rate through the currency the two rates share (EUR/USD × USD/XOF → EUR/XOF)."""
    def convert(self, money: Money) -> Money:
        """Converts money in either currency of the rate into the other, exactly (unrounded)."""
    def to_dict(self) -> dict[str, Any]:
        """`{"base": "EUR", "quote": "XOF", "value": Decimal}`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

def fx_margin_pct(offered: Rate, mid: Rate) -> Decimal:
    """The exchange margin of an offered rate against the reference (mid) rate, in percent:
    `(mid − offered) / mid × 100`, unrounded and normalised (no trailing zeros); negative
    when the offer beats the reference.
    Either rate may be quoted the other way round.

    >>> mid = Rate(base="USD", quote="MXN", value="17.00")
    >>> fx_margin_pct(Rate(base="USD", quote="MXN", value="16.66"), mid)
    Decimal('2')
    """
def fx_margin(exchanged: Money, offered: Rate, mid: Rate) -> Money:
    """The money lost in the exchange when `exchanged` (in the offered rate's base currency) is
    converted at `offered` instead of `mid`, unrounded.
    """

@final
class Period:
    """A calendar quarter, the period of an RPW survey. `Period.parse` reads `2016_2Q` (RPW
    dataset), `2016Q2` / `2016Q2 [YR2016Q2]` (DataBank) and `Q2 2016`; `str()` gives the RPW
    spelling. Periods order chronologically.

    >>> Period.parse("Q2 2016")
    Period('2016_2Q')
    >>> Period(year=2017, quarter=1).previous()
    Period('2016_4Q')
    """
    def __new__(cls, *, year: int, quarter: int) -> Period: ...
    @staticmethod
    def parse(text: str) -> Period:
        """Parses any of the published spellings; `invalid_period` otherwise."""
    @property
    def year(self) -> int:
        """The year."""
    @property
    def quarter(self) -> int:
        """The quarter, 1 to 4."""
    def previous(self) -> Period | None:
        """The quarter before this one, or `None` before year 0."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __lt__(self, other: Period, /) -> bool: ...
    def __le__(self, other: Period, /) -> bool: ...
    def __gt__(self, other: Period, /) -> bool: ...
    def __ge__(self, other: Period, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...

@final
class RpwAmount:
    """Which of the two RPW amounts an indicator is computed for: `USD_200` (the `cc1` block,
    RPW's headline) or `USD_500` (`cc2`). Wherever one is expected its JSON name is accepted
    too (`"usd200"`, `"usd500"`).
    """
    USD_200: Final[RpwAmount]
    USD_500: Final[RpwAmount]
    @staticmethod
    def parse(name: str) -> RpwAmount:
        """The amount from its JSON name (`"usd200"`, `"usd500"`)."""
    def usd(self) -> Decimal:
        """The amount in US dollars: 200 or 500."""
    def in_currency(
        self, usd_rate: Rate, currency: _CurrencyLike, rounding: _RoundingLike = ...
    ) -> Money:
        """The send-currency equivalent of this amount at a reference rate between USD and
        `currency` (quoted either way round), rounded to the currency's minor units.
        """
    @property
    def value(self) -> str:
        """The JSON name (`"usd200"`)."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...
    def __int__(self) -> int: ...

@final
class Charges:
    """The sender's charges for one amount, exact (unrounded), in the send currency."""
    @property
    def transfer_fee(self) -> Decimal:
        """The transfer fee: the parts, held between the minimum and maximum."""
    @property
    def tax(self) -> Decimal:
        """Taxes on the fee and on the amount."""
    def total(self) -> Decimal:
        """Transfer fee plus taxes."""
    def to_dict(self) -> dict[str, Decimal]:
        """`{"transfer_fee": Decimal, "tax": Decimal}`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class FeeSchedule:
    """A provider's fee schedule for one service, in the send currency (the receiving fee in the
    receive currency): fee parts (`fixed + amount × pct / 100`) in amount bands `[from, to)`,
    `min_fee` / `max_fee` on the transfer fee, `receiving_fee`, `taxes` (on the fee or the
    amount, optionally `only_funding` one method), `charging` (`"on_top"` or `"deducted"`),
    `min_amount` / `max_amount`. Keyword arguments are the JSON fields (decimals as
    `Decimal`, `int`, `str` or `float`); a field that does not fit raises `RemitError` with
    code `invalid_json`.

    >>> tiered = FeeSchedule(parts=[{"to": 100, "fixed": "3.00"},
    ...                             {"from": 100, "to": 500, "fixed": "5.00"},
    ...                             {"from": 500, "pct": 1}])
    >>> tiered.fee(99).transfer_fee, tiered.fee(100).transfer_fee, tiered.fee(800).transfer_fee == 8
    (Decimal('3.00'), Decimal('5.00'), True)
    """
    def __new__(
        cls,
        *,
        parts: Iterable[Mapping[str, Any]] = ...,
        min_fee: _DecimalLike | None = ...,
        max_fee: _DecimalLike | None = ...,
        receiving_fee: _DecimalLike | None = ...,
        taxes: Iterable[Mapping[str, Any]] = ...,
        charging: str = ...,
        min_amount: _DecimalLike | None = ...,
        max_amount: _DecimalLike | None = ...,
        payout_unit: _DecimalLike | None = ...,
        **fields: Any,
    ) -> FeeSchedule: ...
    @staticmethod
    def from_dict(data: _Json) -> FeeSchedule:
        """A schedule from its JSON form: a `dict`, or a JSON document as `str`."""
    def validate(self) -> None:
        """Checks the schedule (bands, signs, limits); `invalid_schedule` if it cannot be applied."""
    def fee(self, amount: _DecimalLike, funding: str | None = None) -> Charges:
        """The transfer fee and taxes for sending `amount` funded by `funding` (exact, unrounded)."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def to_dict(self) -> dict[str, Any]:
        """The JSON form, decimals as `Decimal`."""
    def to_json(self) -> str:
        """The JSON document, decimals as strings."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class CostOptions:
    """Choices for computing a cost: `rounding` (a `Rounding` or its name; default half-even)
    for every reported figure; `include_receiving_fee` (default `True`: what the transfer
    really costs; `False` reproduces RPW's published total cost, which leaves out fees charged
    to the receiver); `first_transfer` (price as the sender's first transfer, for promotions);
    `oldest_quote` (Unix seconds or an aware `datetime`: older quotes raise `stale_quote`).

    >>> options = CostOptions(rounding=Rounding.DOWN, include_receiving_fee=False)
    >>> options.rounding, options.include_receiving_fee
    (Rounding.DOWN, False)
    """
    def __new__(
        cls,
        *,
        rounding: _RoundingLike = ...,
        include_receiving_fee: bool = ...,
        first_transfer: bool = ...,
        oldest_quote: int | datetime | None = ...,
        **fields: Any,
    ) -> CostOptions: ...
    @property
    def rounding(self) -> Rounding:
        """The rounding rule."""
    @property
    def include_receiving_fee(self) -> bool:
        """Whether the receiving fee counts in `fee` and `total_cost`."""
    @property
    def first_transfer(self) -> bool:
        """Whether the transfer is priced as the sender's first with the provider."""
    @property
    def oldest_quote(self) -> int | None:
        """Quotes collected before this time (Unix seconds), or with no collection time, are
        refused with `stale_quote`.
        """
    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Cost:
    """The cost of one transfer, broken down. Money is rounded to its currency's minor units and
    percentages to 4 places (the effective rate to 6), each from the exact value. All money
    but `recipient_gets` is in the send currency.
    """
    @property
    def send_currency(self) -> Currency:
        """The send currency."""
    @property
    def receive_currency(self) -> Currency:
        """The receive currency."""
    @property
    def send_amount(self) -> Decimal:
        """The amount sent."""
    @property
    def transfer_fee(self) -> Decimal:
        """The provider's transfer fee (parts, then minimum and maximum)."""
    @property
    def tax(self) -> Decimal:
        """Taxes charged to the sender."""
    @property
    def receiving_fee(self) -> Decimal:
        """The receiving fee converted at the reference rate (0 when not included)."""
    @property
    def fee(self) -> Decimal:
        """Everything charged: transfer fee + tax + receiving fee (when included)."""
    @property
    def total_paid(self) -> Decimal:
        """What the sender pays."""
    @property
    def amount_exchanged(self) -> Decimal:
        """The amount that is exchanged."""
    @property
    def fx_margin_pct(self) -> Decimal:
        """`(mid − offered) / mid × 100`; negative when the offer beats the reference."""
    @property
    def fx_cost(self) -> Decimal:
        """Money lost in the exchange."""
    @property
    def total_cost(self) -> Decimal:
        """`fee + fx_cost`."""
    @property
    def total_cost_pct(self) -> Decimal:
        """`total_cost / send_amount × 100`."""
    @property
    def recipient_gets(self) -> Decimal:
        """What the recipient gets, in the receive currency."""
    @property
    def effective_rate(self) -> Decimal:
        """Receive-currency units per send-currency unit paid, to 6 places."""
    def to_dict(self) -> dict[str, Any]:
        """Every field, decimals as `Decimal`, currencies as codes."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Offer:
    """One provider's offer in one corridor: `send_currency`, `receive_currency`, a fee
    `schedule` (a `FeeSchedule` or its dict), the `offered_rate` and the reference `mid_rate`
    (a `Rate` or its dict, either direction), and labels `provider`, `firm_type`, `speed`,
    `funding` (which also selects taxes limited to a funding method), `payout`. Keyword arguments are
    the JSON fields; a field that does not fit raises `RemitError` with code `invalid_json`.

    >>> offer = Offer(send_currency="EUR", receive_currency="XOF",
    ...               schedule={"parts": [{"fixed": "4.90"}]},
    ...               offered_rate=Rate(base="EUR", quote="XOF", value=645),
    ...               mid_rate=Rate(base="EUR", quote="XOF", value="655.957"))
    >>> offer.cost(200).total_cost_pct
    Decimal('4.1204')
    """
    def __new__(
        cls,
        *,
        send_currency: _CurrencyLike,
        receive_currency: _CurrencyLike,
        schedule: FeeSchedule | Mapping[str, Any] = ...,
        offered_rate: Rate | Mapping[str, Any] | None = ...,
        mid_rate: Rate | Mapping[str, Any] | None = ...,
        provider: str | None = ...,
        firm_type: str | None = ...,
        speed: str | None = ...,
        funding: str | None = ...,
        promotion: Mapping[str, Any] | None = ...,
        collected_at: int | datetime | None = ...,
        **fields: Any,
    ) -> Offer: ...
    @staticmethod
    def from_dict(data: _Json) -> Offer:
        """An offer from its JSON form: a `dict`, or a JSON document as `str`."""
    def cost(self, send_amount: _DecimalLike, *, options: _OptionsLike = None) -> Cost:
        """What sending `send_amount` (in the send currency) costs under this offer.

        Errors (`RemitError.code`): `invalid_amount` for a zero or negative amount,
        `amount_out_of_range` outside the schedule's limits, `invalid_schedule`,
        `invalid_rate` or `currency_mismatch` for a bad offer.
        """
    def send_for(self, receive_amount: _DecimalLike, *, options: _OptionsLike = None) -> Cost:
        """The reverse solve: the smallest amount to send, in the send currency's minor units, so
        that the recipient gets at least `receive_amount` (as rounded), and what that costs.
        `unreachable_target` when no amount within the schedule's limits delivers it.
        """
    def send_within(self, total_paid: _DecimalLike, *, options: _OptionsLike = None) -> Cost:
        """The total-paid solve (the sender's all-in budget): the largest amount to send, in the
        send currency's minor units, whose total paid (fees and taxes on top included) is at
        most `total_paid`, and what that costs. `unreachable_target` when none fits.
        """
    @property
    def provider(self) -> str | None:
        """The provider's name, if given."""
    @property
    def firm_type(self) -> str | None:
        """The provider type, if given."""
    @property
    def speed(self) -> str | None:
        """The speed as the provider states it, if given."""
    @property
    def funding(self) -> str | None:
        """How the sender pays, if given."""
    @property
    def payout(self) -> str | None:
        """How the recipient is paid, if given."""
    @property
    def send_currency(self) -> Currency:
        """The currency the sender pays in."""
    @property
    def receive_currency(self) -> Currency:
        """The currency the recipient is paid in."""
    @property
    def schedule(self) -> FeeSchedule:
        """The fee schedule."""
    @property
    def offered_rate(self) -> Rate | None:
        """The rate the provider offers, if given."""
    @property
    def mid_rate(self) -> Rate | None:
        """The reference (mid-market) rate, if given."""
    @property
    def promotion(self) -> dict[str, Any] | None:
        """The promotion (a better rate up to a capped amount, a first-transfer fee waiver) as
        its JSON form, if any.
        """
    @property
    def collected_at(self) -> int | None:
        """When the prices were collected, in seconds since 1970-01-01T00:00:00Z, if given."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def to_dict(self) -> dict[str, Any]:
        """The JSON form, decimals as `Decimal`."""
    def to_json(self) -> str:
        """The JSON document, decimals as strings."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Quote:
    """A quote: an offer priced for one amount (`send_amount`, `offer`)."""
    def __new__(cls, *, send_amount: _DecimalLike, offer: _OfferLike) -> Quote: ...
    @staticmethod
    def from_dict(data: _Json) -> Quote:
        """A quote from its JSON form: a `dict`, or a JSON document as `str`."""
    @property
    def send_amount(self) -> Decimal:
        """The amount sent."""
    @property
    def offer(self) -> Offer:
        """The offer it is priced under."""
    def cost(self, *, options: _OptionsLike = None) -> Cost:
        """The cost of this quote."""
    def __reduce__(self) -> tuple[Any, tuple[str]]: ...
    def to_dict(self) -> dict[str, Any]:
        """The JSON form, decimals as `Decimal`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Table:
    """A table of results, columns of exact decimals, text, integers and booleans, held as Arrow
    (decimals as `decimal128(38, s)` at the column's largest scale, text as `large_string`,
    text repeated from row to row dictionary-encoded, whole numbers as `int64`). Any Arrow
    library reads it without a copy through the Arrow PyCapsule interface
    (`pyarrow.table(t)`, `polars.DataFrame(t)`, `duckdb.sql("from t")`); `to_arrow()`,
    `to_pandas()`, `to_polars()`, `to_pylist()` (one dict per row) and `to_dict()` (one list
    per column) convert it; `column(name)` gives one column as a list.
    """
    @property
    def column_names(self) -> list[str]:
        """The column names, in order."""
    @property
    def num_rows(self) -> int:
        """The number of rows."""
    def __len__(self) -> int: ...
    def column(self, name: str) -> list[Any]:
        """One column as a list (`Decimal`, `str`, `int`, `bool` or `None` values)."""
    def to_dict(self) -> dict[str, list[Any]]:
        """`{column name: list of values}`."""
    def to_pylist(self) -> list[dict[str, Any]]:
        """One dict per row."""
    def __arrow_c_stream__(self, requested_schema: object | None = None) -> object: ...
    def to_arrow(self) -> Any:
        """A `pyarrow.Table` (zero-copy): decimals as `decimal128(38, s)` with `s` the column's
        largest scale (`decimal256(76, s)` for a column whose values need more than 38 digits
        at that scale), text as `large_string` (`dictionary<int32, large_string>` for text
        repeated from row to row: providers and currencies), whole numbers as `int64`. Needs
        pyarrow.
        """
    def to_pandas(self) -> Any:
        """A `pandas.DataFrame`. With pyarrow installed its columns are Arrow-backed
        (`decimal128(38, s)[pyarrow]`, exact); without, decimals are `Decimal` objects.
        """
    def to_polars(self) -> Any:
        """A `polars.DataFrame` (zero-copy, decimals as `Decimal(38, s)`, repeated text as
        `Categorical`). Needs polars only.
        """

def cost_table(
    offers: Iterable[_OfferLike], amounts: _Column, *, options: _OptionsLike = None
) -> Table:
    """Prices a whole column of amounts against many offers in one call, without a Python loop:
    every amount under every offer (rows ordered by offer, then amount), computed with the GIL
    released. `amounts` is a list, any Arrow array (a pyarrow array, a polars Series, … read
    through the Arrow PyCapsule interface without a copy), a pandas Series or a numpy array.
    A transfer that cannot be priced (outside the schedule's limits, a bad rate, …) gives a
    row with its `error` code and null figures instead of failing the batch.

    Columns: `offer` (index in `offers`), `provider`, `amount`, then every `Cost` field
    (`send_currency` … `effective_rate`), then `error`. Convert the result with
    `.to_pandas()`, `.to_arrow()`, `.to_polars()` or `.to_pylist()`.

    >>> offer = Offer(provider="Example MTO", send_currency="EUR", receive_currency="XOF",
    ...               schedule={"parts": [{"fixed": "4.90"}], "max_amount": 1000},
    ...               offered_rate={"base": "EUR", "quote": "XOF", "value": 645},
    ...               mid_rate={"base": "EUR", "quote": "XOF", "value": "655.957"})
    >>> table = cost_table([offer], [100, 200, 5000])
    >>> table.column("total_cost_pct"), table.column("error")
    ([Decimal('6.5704'), Decimal('4.1204'), None], [None, None, 'amount_out_of_range'])
    """

@final
class Ranked:
    """One offer's place in a `Ranking`: `rank` (1 for the cheapest; equal costs share a rank),
    `index` (position in the list given), the offer's labels and its `cost`.
    """
    @property
    def rank(self) -> int:
        """1 for the cheapest; offers that cost the same share a rank."""
    @property
    def index(self) -> int:
        """The offer's position in the list given."""
    @property
    def provider(self) -> str | None:
        """The offer's provider label."""
    @property
    def firm_type(self) -> str | None:
        """The offer's provider type label."""
    @property
    def speed(self) -> str | None:
        """The offer's speed label."""
    @property
    def speed_category(self) -> str | None:
        """The speed label's category (`less_than_one_hour` … `more_than_five_days`), if any."""
    @property
    def funding(self) -> str | None:
        """How the sender pays."""
    @property
    def payout(self) -> str | None:
        """How the recipient is paid."""
    @property
    def offered_rate(self) -> Rate | None:
        """The rate offered, send → receive."""
    @property
    def mid_rate(self) -> Rate | None:
        """The reference (mid-market) rate, send → receive."""
    @property
    def collected_at(self) -> int | None:
        """When the offer's prices were collected (seconds since the epoch)."""
    @property
    def quote_age(self) -> int | None:
        """The quote's age in seconds at the ranking's `now`."""
    @property
    def cost(self) -> Cost:
        """What the transfer costs under the offer."""
    @property
    def savings(self) -> dict[str, Any]:
        """What choosing it saves: `{"currency", "vs_dearest", "vs_mean"}`, amounts as `Decimal`."""
    def to_dict(self) -> dict[str, Any]:
        """Every field, the cost and savings as dicts with `Decimal` values."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Excluded:
    """An offer that could not be priced for the target: `index`, `provider`, and the error's
    `code` and `message`.
    """
    @property
    def index(self) -> int:
        """The offer's position in the list given."""
    @property
    def provider(self) -> str | None:
        """The offer's provider label."""
    @property
    def code(self) -> str:
        """The error's stable code (`amount_out_of_range`, `unreachable_target`, …)."""
    @property
    def message(self) -> str:
        """The error's message."""
    def to_dict(self) -> dict[str, Any]:
        """Every field."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Ranking:
    """Offers ranked cheapest first (`ranked`), and those left out with the reason (`excluded`)."""
    @property
    def ranked(self) -> list[Ranked]:
        """Priced offers, cheapest first."""
    @property
    def excluded(self) -> list[Excluded]:
        """Offers that could not be priced."""
    @property
    def filtered(self) -> list[int]:
        """The positions of the offers the `choices` filters left out."""
    def to_dict(self) -> dict[str, Any]:
        """`{"ranked": [...], "excluded": [...], "filtered": [...]}`, decimals as `Decimal`."""
    def __len__(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

def rank_offers(
    offers: Iterable[_OfferLike],
    *,
    send: _DecimalLike | None = None,
    receive: _DecimalLike | None = None,
    total: _DecimalLike | None = None,
    options: _OptionsLike = None,
    choices: dict[str, Any] | str | None = None,
) -> Ranking:
    """Prices every offer for the same target and ranks them, cheapest first. Give exactly one
    of `send` (every offer sends this amount; ranked by `total_cost_pct`, then by what the
    recipient gets), `receive` (every offer delivers at least this amount; ranked by what
    the sender pays) or `total` (the sender pays at most this in all; ranked by what the
    recipient gets). `choices` (a dict or JSON str, core's `RankOptions`): `payout`,
    `funding`, `max_speed` filters, `order` (`cheapest`, `total_cost`, `received`, `speed`)
    and `now` (for each quote's age). Offers outside the first offer's corridor, or that cannot be priced, are
    listed in `excluded` with the error's code instead of failing the ranking.

    >>> offer = lambda name, fee, rate: Offer(provider=name, send_currency="GBP",
    ...     receive_currency="INR", schedule={"parts": [{"fixed": fee}]},
    ...     offered_rate={"base": "GBP", "quote": "INR", "value": rate},
    ...     mid_rate={"base": "GBP", "quote": "INR", "value": 105})
    >>> ranking = rank_offers([offer("Bank", 10, 101), offer("App", "0.99", "104.2")], send=120)
    >>> [(r.rank, r.provider, r.cost.total_cost_pct) for r in ranking.ranked]
    [(1, 'App', Decimal('1.5869')), (2, 'Bank', Decimal('12.1429'))]
    """

@final
class ValidationReport:
    """What a reader read, kept, rejected and flagged: counts (`rows_read`, `rows_kept`,
    `rows_rejected`, `lines_skipped`, `non_transparent`, `sentinel_fx_rates`),
    `extra_columns`, `tolerance_pct`, and every flagged field in `issues` (dicts with `row`,
    `field`, `reason`, `detail`, `severity`). `str(report)` is the readable summary.
    """
    @property
    def rows_read(self) -> int:
        """Data rows read."""
    @property
    def rows_kept(self) -> int:
        """Rows kept in the data."""
    @property
    def rows_rejected(self) -> int:
        """Rows rejected for at least one error."""
    @property
    def lines_skipped(self) -> int:
        """Records skipped as not data (blank rows, preambles, footers)."""
    @property
    def non_transparent(self) -> int:
        """Kept rows with `transparent = no`."""
    @property
    def sentinel_fx_rates(self) -> int:
        """Kept rows whose fx rate was the "not comparable" sentinel 1."""
    @property
    def extra_columns(self) -> list[str]:
        """Header names the reader did not interpret."""
    @property
    def tolerance_pct(self) -> Decimal | None:
        """The tolerance of the total-cost check, percentage points (RPW readers)."""
    @property
    def issues(self) -> list[dict[str, Any]]:
        """Every flagged field, in input order, as dicts."""
    def is_clean(self) -> bool:
        """True when no issue at all was found."""
    def counts_by_reason(self) -> list[tuple[str, int]]:
        """Issue counts by reason code."""
    def to_dict(self) -> dict[str, Any]:
        """Every field, issues as dicts."""
    def to_table(self) -> Table:
        """One row per issue: `row`, `field`, `reason`, `detail`, `severity`."""

@final
class Dataset:
    """The rows of an RPW-layout dataset that passed validation (`len(dataset)` of them), and
    the `report` on all of them. `to_table()` (or `to_pandas()`, `to_arrow()`,
    `to_polars()`) gives one row per observation: its identity and labels, `transparent`,
    the `cc1_…` (USD 200) and `cc2_…` (USD 500) price blocks, `interbank_fx`. Its text
    columns but `id` are dictionary-encoded (categories in pandas, categoricals in polars):
    each distinct label stored once.

    Aggregations (`group`, `indicators`, `Partial.add`) code the rows into columns the first
    time and keep them with the dataset, so that later ones over it are fast.
    """
    @property
    def report(self) -> ValidationReport:
        """What was read, kept, rejected and flagged."""
    def __len__(self) -> int: ...
    def filter(self, mask: Iterable[bool] | Any) -> Dataset:
        """The observations where `mask` is true (a list, pandas / polars Series or pyarrow
        array of booleans, one per observation, in `to_table()` order), with the same report:
        `indicators(data.filter(frame["firm_type"] == "Bank"))`.
        """
    def to_table(self) -> Table:
        """One row per kept observation (see the class docs for the columns)."""
    def to_pandas(self) -> Any:
        """`to_table().to_pandas()`."""
    def to_arrow(self) -> Any:
        """`to_table().to_arrow()`."""
    def to_polars(self) -> Any:
        """`to_table().to_polars()`."""
    def observations(self) -> list[dict[str, Any]]:
        """The observations as a list of dicts in core's JSON form (decimals as `Decimal`, the
        price blocks nested as `cc1` / `cc2`, unknown columns in `extra`).
        """

def read_rpw_csv(source: _Source, *, tolerance_pct: _DecimalLike | None = None) -> Dataset:
    """Reads an RPW-layout CSV (the World Bank's Remittance Prices Worldwide dataset as
    published, any column order, unknown columns kept) from a path, `bytes` or a file object.
    Bad rows never stop the reading: they are listed in `dataset.report` and the good rows are
    kept. `tolerance_pct` is how far (percentage points, default 0.01) a row's stated total
    cost may be from `fee / amount × 100 + fx margin` before it is reported. A file without
    a required column raises `RemitError` with code `missing_column`.
    """
def read_rpw_json(source: _Source, *, tolerance_pct: _DecimalLike | None = None) -> Dataset:
    """Reads an RPW-layout JSON document (an array of row objects keyed by the CSV's column
    names) from a path, `bytes` or a file object; see `read_rpw_csv`.
    """
def read_rpw_xlsx(source: _Source, *, tolerance_pct: _DecimalLike | None = None) -> Dataset:
    """Reads the RPW workbook as the World Bank ships it (`.xlsx`: the sheets "Dataset (up to Q1
    2016)" and "Dataset (from Q2 2016)", in that order) from a path, `bytes` or a binary file
    object; see `read_rpw_csv` for the row rules. Every issue names its `sheet`. A file that is
    not a workbook, or has no dataset sheet, raises `RemitError` with code `invalid_xlsx`.
    """
def read_countries_xlsx(source: _Source) -> CountriesSheet:
    """Reads the workbook's sheet "Countries" (the classification of its time) from a path,
    `bytes` or a binary file object, by its header names (no published layout was found, so
    none is assumed): a code column (`Code`, `Country Code`, `code`, …) and at least one of
    name (`Economy`, `name`), region, income (`Income group`), lending (`Lending category`),
    `G8G20` (or `G8` and `G20`). Every other column is reported (`ignored_column`, and in
    `report.extra_columns`); each bad row is rejected with an issue naming its sheet, row and
    column. `countries` is the table as JSON text, for `published_indicators(countries=...)`;
    it has no income history, so pass `income_vintage="table"` with it. A workbook without
    the sheet raises `RemitError` with code `invalid_xlsx`; a header without a code column or
    with nothing else, `missing_column`.
    """

@final
class CountriesSheet:
    """The sheet "Countries" as read: `countries` (the table as JSON text: `vintage`
    `"workbook"`, `source`, `countries`), `len()` economies, and the `report`.
    """
    @property
    def countries(self) -> str:
        """The table as JSON text (`Countries` in core), for `published_indicators(countries=...)`."""
    @property
    def report(self) -> ValidationReport:
        """What was read, kept, rejected and flagged; every issue names its `sheet`."""
    def __len__(self) -> int: ...

def read_rpw(
    source: _Source,
    *,
    format: Literal["csv", "json", "xlsx"] | None = None,
    tolerance_pct: _DecimalLike | None = None,
) -> Dataset:
    """Reads an RPW dataset with the reader its type needs: a path by its extension (`.csv`,
    `.json`, `.xlsx`), `bytes` or a file object by its first bytes (a zip archive is a
    workbook, `[` JSON, anything else CSV), or as `format` (`"csv"`, `"json"`, `"xlsx"`) says.
    Another extension or format raises `RemitError` with code `unsupported_format`.
    """

@final
class CorridorAverages:
    """The values of a corridor-average export (`to_table()`: `period`, `corridor`,
    `source_code`, `source_name`, `destination_code`, `destination_name`, `total_cost_pct`),
    the `series` codes met, and the `report`.
    """
    @property
    def series(self) -> list[str]:
        """Distinct series codes met (`ATCR.CORR`)."""
    @property
    def report(self) -> ValidationReport:
        """What was read, kept, rejected and flagged."""
    def periods(self) -> list[Period]:
        """The quarters that have at least one value, in order."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, Any]:
        """The JSON form, decimals as `Decimal`."""
    def to_table(self) -> Table:
        """One row per value."""
    def to_pandas(self) -> Any:
        """`to_table().to_pandas()`."""

def read_corridor_averages(source: _Source) -> CorridorAverages:
    """Reads a World Bank DataBank corridor-average export (RPW "Corridors", series
    `ATCR.CORR`) as exported (`..` for no survey, BOM, footer lines) from a path, `bytes` or a
    file object.
    """

@final
class WdiSeries:
    """One WDI indicator: `indicator_code`, `indicator_name`, `countries` (code → name), the
    values (`to_table()`: `country_code`, `year`, `value`) and the `report`.
    """
    @property
    def indicator_code(self) -> str:
        """The indicator code."""
    @property
    def indicator_name(self) -> str:
        """The indicator name."""
    @property
    def countries(self) -> dict[str, str]:
        """Every country (and aggregate) read: code → name."""
    @property
    def report(self) -> ValidationReport:
        """What was read, kept, rejected and flagged."""
    def by_country(self, year: int) -> dict[str, Decimal]:
        """The values of one year by country code."""
    def codes_by_name(self) -> dict[str, str]:
        """Country name (as WDI writes it) → ISO alpha-3 code."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, Any]:
        """The JSON form, decimals as `Decimal`."""
    def to_table(self) -> Table:
        """One row per value."""

def read_wdi_csv(source: _Source) -> WdiSeries:
    """Reads a World Development Indicators CSV export (e.g. personal remittances paid, current
    US$) as exported, from a path, `bytes` or a file object.
    """

@final
class BilateralMatrix:
    """Estimated remittance flows by (sending, receiving) country name: `title`, the flows
    (`to_table()`: `sending`, `receiving`, `flow`), the `report`, and `weights_by_code()` to
    re-key them by ISO codes.
    """
    @property
    def title(self) -> str:
        """The title line above the header (the vintage)."""
    @property
    def report(self) -> ValidationReport:
        """What was read, kept, rejected and flagged."""
    def __len__(self) -> int: ...
    def weights_by_code(
        self, codes: Mapping[str, str]
    ) -> tuple[dict[tuple[str, str], Decimal], list[str]]:
        """The flows re-keyed by ISO alpha-3 codes through a name → code dict (e.g.
        `WdiSeries.codes_by_name()`), and the names the dict does not have:
        `({(sending_code, receiving_code): Decimal}, [unknown names])`.
        """
    def to_dict(self) -> dict[str, Any]:
        """The JSON form: `title`, `report`, and `flows` as `[sending, receiving, value]`
        triples with the value as a decimal string (use `to_table()` for `Decimal`s).
        """
    def to_table(self) -> Table:
        """One row per flow."""

def read_bilateral_matrix(source: _Source) -> BilateralMatrix:
    """Reads the World Bank / KNOMAD bilateral remittance matrix CSV (flows by sending and
    receiving country name, millions of US$) from a path, `bytes` or a file object.
    """

_OptionsAggLike: TypeAlias = Union["AggregateOptions", Mapping[str, Any], str, None]
_Services: TypeAlias = Union[Dataset, _Source, list[Mapping[str, Any]], tuple[Mapping[str, Any], ...]]
_Corridors: TypeAlias = Union[CorridorAverages, Iterable[Mapping[str, Any]]]
_Dimensions: TypeAlias = Union[str, Iterable[str]]
_Weights: TypeAlias = Union[Mapping[tuple[str, str], _DecimalLike], None]

@final
class AggregateOptions:
    """Options of `group` and the indicators; keyword arguments are the JSON fields: `amount`
    (`"usd200"`, the default, or `"usd500"`, or an `RpwAmount`), `include_non_transparent`
    (default `False`: RPW leaves out services whose 0 margin does not mean no cost),
    `eligibility` (the SmaRT predicate, a dict: `transparent`, `max_speed`, `inaccessible`),
    `smart_min_services` (default 3), `comparison` (`"greater_than"`, the default, or
    `"at_least"`: whether exactly 5% is above 5%), `rounding` (a `Rounding` or its name).

    >>> AggregateOptions(amount="usd500", comparison="at_least").smart_min_services
    3
    """
    def __new__(
        cls,
        *,
        amount: _RpwAmountLike = ...,
        include_non_transparent: bool = ...,
        eligibility: Mapping[str, Any] = ...,
        smart_min_services: int = ...,
        comparison: str = ...,
        rounding: _RoundingLike = ...,
        **fields: Any,
    ) -> AggregateOptions: ...
    @property
    def amount(self) -> RpwAmount:
        """The RPW amount priced."""
    @property
    def include_non_transparent(self) -> bool:
        """Whether non-transparent services count in averages."""
    @property
    def smart_min_services(self) -> int:
        """The fewest eligible services a corridor needs for a SmaRT."""
    @property
    def comparison(self) -> str:
        """`"greater_than"` or `"at_least"`."""
    @property
    def rounding(self) -> Rounding:
        """The rounding rule of reported percentages."""
    @property
    def eligibility(self) -> dict[str, Any]:
        """The SmaRT eligibility predicate, as its JSON form."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON form."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Grouping:
    """Groups and their statistics, ordered by key, with the rows left out. `to_table()` (or
    `to_pandas()`, `to_arrow()`, `to_polars()`) has one column per dimension, then `count`,
    `mean_pct`, `median_pct`, `min_pct`, `max_pct`, `cheapest`, `eligible`, `smart_pct`,
    `change_pp`.
    """
    @property
    def dimensions(self) -> list[str]:
        """The dimensions grouped by, in key order."""
    @property
    def left_out(self) -> dict[str, int]:
        """Rows left out, by reason: `{"non_transparent": n, "unpriced": n}`."""
    def __len__(self) -> int: ...
    def to_table(self) -> Table:
        """One row per group."""
    def to_pandas(self) -> Any:
        """`to_table().to_pandas()`."""
    def to_arrow(self) -> Any:
        """`to_table().to_arrow()`."""
    def to_polars(self) -> Any:
        """`to_table().to_polars()`."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`dimensions`, `groups`, `left_out`), decimals as `Decimal`."""

def group(
    data: _Services, dimensions: _Dimensions, *, options: _OptionsAggLike = None
) -> Grouping:
    """Groups services by `dimensions` and computes each group's statistics (count, mean,
    median, min, max, cheapest, SmaRT-eligible count, SmaRT, change from the previous quarter)
    for the options' RPW amount. `data` is a `Dataset`, a list of observation dicts, or a
    path / bytes / file of an RPW CSV, read and aggregated in one call with the GIL released. Groupings combine:
    `["period", "destination_region", "firm_type"]`.

    A dimension is a name — `period`, `corridor`, `source_country`, `destination_country`,
    `source_region`, `destination_region`, `firm`, `firm_type`, `instrument`, `access_point`,
    `speed`, `product`, `coverage`, `pickup_method`, the classification ones (`source_income`,
    `destination_income`, `source_lending`, `destination_lending`, `source_g20`, …) — or any
    other column of the dataset by its published header name (`"Standard Note"`, `"note1"`,
    `"pickup location"`, `"cc1 lcu code"`, `"cc1 lcu amount"`, …; any case, `_` for a space).
    A column the rows do not have raises `RemitError` with code `unknown_column`.

    >>> g = group("testdata/rpw/sample.csv", ["period", "firm_type"])
    >>> g.dimensions, g.to_table().column_names[:3]
    (['period', 'firm_type'], ['period', 'firm_type', 'count'])
    >>> group("testdata/rpw/sample.csv", ["Standard Note"]).dimensions
    ['Standard Note']
    """

@final
class Indicators:
    """Indicators for every period, with the corridors they come from and the rows left out.
    `corridors_table()` is the corridor table (one row per corridor and period: `period`,
    `corridor`, codes, names, regions, `services`, `eligible`, `average_pct`, `smart_pct`,
    `smart_firms`); `periods_table()` the headline figures per period; `periods` and
    `to_dict()` the full JSON form; `report` the dataset's validation report when the call
    read it.
    """
    @property
    def periods(self) -> list[dict[str, Any]]:
        """One dict per period (`period`, `services`, `corridors`, `global_average_pct`,
        `corridor_average_pct`, `weighted_average_pct`, `unweighted`, `smart_pct`,
        `smart_corridors`, `smart_dropped`, `above_5`, `above_3`, `gap_to_3_pct`,
        `global_average_change_pp`, `corridor_average_change_pp`), decimals as `Decimal`.
        """
    @property
    def left_out(self) -> dict[str, int]:
        """Rows left out, by reason: `{"non_transparent": n, "unpriced": n}`."""
    @property
    def report(self) -> ValidationReport | None:
        """The validation report of the dataset read by this call (or the `Dataset`'s), if any."""
    def corridors_table(self) -> Table:
        """One row per corridor and period."""
    def periods_table(self) -> Table:
        """One row per period: the headline figures (`above_5` and `above_3` as `…_count` and
        `…_share_pct`; the corridor lists are in `periods`).
        """
    def to_pandas(self) -> Any:
        """`corridors_table().to_pandas()`, the corridor table as a DataFrame."""
    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`periods`, `corridors`, `left_out`), decimals as `Decimal`."""

def indicators(
    data: _Services, *, options: _OptionsAggLike = None, weights: _Weights = None
) -> Indicators:
    """The RPW indicators from service rows: per corridor and period its average and SmaRT,
    then per period the global average, the mean of corridor averages, the weighted average
    (with `weights`), the global SmaRT, corridors above 5% and 3%, the gap to the 3% target
    and the change from the previous quarter. `data` is a `Dataset`, a list of observation
    dicts, or a path / bytes / file of an RPW CSV: read and aggregated in one call with the
    GIL released (the read's report is then `result.report`).

    >>> out = indicators("testdata/rpw/sample.csv")
    >>> out.report.rows_rejected, len(out.periods_table()) == len(out.periods)
    (0, True)
    """
def corridor_indicators(
    corridors: _Corridors, *, options: _OptionsAggLike = None, weights: _Weights = None
) -> Indicators:
    """The corridor-level indicators from corridor statistics — e.g. the World Bank's published
    corridor averages (`read_corridor_averages(...)`): mean of corridor averages, weighted
    average, corridors above 5% and 3%, gap to 3%, change from the previous quarter, and the
    global SmaRT where the corridors carry one (`global_average_pct` is `None`).
    """
def group_corridors(
    corridors: _Corridors, dimensions: _Dimensions, *, options: _OptionsAggLike = None
) -> Grouping:
    """Groups corridor statistics (as `corridor_indicators` takes them) by `dimensions` among
    `period`, `corridor`, `source_country`, `destination_country` and the regions when the
    corridors carry them (else `no_data`).
    """

@final
class Average:
    """A mean over a group of services (a receiving region, an income group): the group's `key`,
    how many `services` and their `mean_pct` (4 places).
    """
    @property
    def key(self) -> str:
        """The group (a region, an income group)."""
    @property
    def services(self) -> int:
        """Services averaged."""
    @property
    def mean_pct(self) -> Decimal:
        """Their mean total cost, percent."""
    def to_dict(self) -> dict[str, Any]:
        """`{"key", "services", "mean_pct"}`, the mean as `Decimal`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class PublishedPeriod:
    """The published figures of one period, percentages at 4 places (`None` where a figure has
    no service): `global_average_pct` over `services` (`excluded` left out by the published
    exclusions) and its change against the same quarter a year earlier
    (`global_average_yoy_pp`); `g20_average_pct` over `g20_services`; `regions` and
    `income_groups` (lists of `Average`, by receiving country); SDG 10.c.1
    (`sdg_10c1_above_5_pct`, `sdg_10c1_below_3_pct`, over `smart_corridors`); the shares of
    services and of the `corridors` below 5% and 10%; `mto_index_pct` and `digital_index_pct`
    (over `digital_services`).
    """
    @property
    def period(self) -> str:
        """The quarter (`2011_3Q`)."""
    @property
    def services(self) -> int:
        """Services in the global average."""
    @property
    def excluded(self) -> int:
        """Services the global average's exclusions left out."""
    @property
    def global_average_pct(self) -> Decimal | None:
        """The global average, percent."""
    @property
    def global_average_yoy_pp(self) -> Decimal | None:
        """Change against the same quarter a year earlier, percentage points."""
    @property
    def g20_average_pct(self) -> Decimal | None:
        """The G20 sending average, percent."""
    @property
    def g20_services(self) -> int:
        """Services in the G20 average."""
    @property
    def regions(self) -> list[Average]:
        """Averages by receiving region."""
    @property
    def income_groups(self) -> list[Average]:
        """Averages by receiving income group."""
    @property
    def corridors(self) -> int:
        """Corridors with data."""
    @property
    def smart_corridors(self) -> int:
        """Corridors with a SmaRT."""
    @property
    def sdg_10c1_above_5_pct(self) -> Decimal | None:
        """SDG 10.c.1: share of corridors with a SmaRT above 5%, percent."""
    @property
    def sdg_10c1_below_3_pct(self) -> Decimal | None:
        """SDG 10.c.1: share of corridors with a SmaRT below 3%, percent."""
    @property
    def services_below_5_pct(self) -> Decimal | None:
        """Share of services below 5%, percent."""
    @property
    def services_below_10_pct(self) -> Decimal | None:
        """Share of services below 10%, percent."""
    @property
    def corridors_below_5_pct(self) -> Decimal | None:
        """Share of corridors whose average is below 5%, percent."""
    @property
    def corridors_below_10_pct(self) -> Decimal | None:
        """Share of corridors whose average is below 10%, percent."""
    @property
    def mto_index_pct(self) -> Decimal | None:
        """The International MTO index, percent (`None` without `international_mtos`)."""
    @property
    def digital_index_pct(self) -> Decimal | None:
        """The Digital remittances index, percent."""
    @property
    def digital_services(self) -> int:
        """Services in the Digital remittances index."""
    def to_dict(self) -> dict[str, Any]:
        """Every field, decimals as `Decimal`, `regions` and `income_groups` as dicts."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class AnnualAverage:
    """The mean of a year's quarterly global averages: `year`, the `periods` with a global
    average, and `global_average_pct`.
    """
    @property
    def year(self) -> int:
        """The calendar year."""
    @property
    def periods(self) -> list[str]:
        """The quarters with a global average (`2011_1Q`, …)."""
    @property
    def global_average_pct(self) -> Decimal:
        """The mean of their global averages (each exact), percent."""
    def to_dict(self) -> dict[str, Any]:
        """`{"year", "periods", "global_average_pct"}`, the average as `Decimal`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

@final
class Published:
    """The figures of the RPW reports for every period (`periods`, a list of `PublishedPeriod`),
    the `annual` averages (`AnnualAverage`) and the rows left out (`left_out`); `to_dict()` is
    the JSON form with decimals as `Decimal`.
    """
    @property
    def periods(self) -> list[PublishedPeriod]:
        """One entry per period with data, chronologically."""
    @property
    def annual(self) -> list[AnnualAverage]:
        """One entry per calendar year with data."""
    @property
    def left_out(self) -> dict[str, int]:
        """Rows left out, by reason (before any exclusion): `{"non_transparent": n, "unpriced": n}`."""
    def __len__(self) -> int: ...
    def to_dict(self) -> dict[str, Any]:
        """`{"periods": [...], "annual": [...], "left_out": {...}}`, decimals as `Decimal`."""
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...

def published_indicators(
    data: _Services,
    *,
    options: dict[str, Any] | str | None = None,
    countries: str | None = None,
    income_vintage: str | dict[str, int] | None = None,
) -> Published:
    """The RPW indicators as the World Bank's reports publish them, per period: the global
    average with its published exclusions, the G20 sending average, averages by receiving
    region and income group, SDG 10.c.1, shares of services and corridors below 5% and 10%,
    the change against the same quarter a year earlier, annual averages, the International MTO
    and Digital remittances indices. Returns a `Published` (`periods`: `PublishedPeriod`s,
    `annual`, `left_out`; `to_dict()` for the JSON form), decimals as `Decimal`.

    `data` as `indicators` takes it. Rows lacking region, income or G20 columns are classified
    first with `countries` (a table as JSON text; `None`: the World Bank's bundled FY24 table)
    and `income_vintage` (`"of_period"`, the default: the income group of each quarter's
    fiscal year; `"table"`; or `{"fiscal_year": 2012}`). `options` is a dict or JSON of
    `PublishedOptions` (`aggregate`, `exclusions`, `digital`, `international_mtos`).

    >>> out = published_indicators("testdata/rpw/sample.csv")
    >>> out.periods[0].period, out.periods[0].services
    ('2024_4Q', 25)
    """

@final
class Partial:
    """The state of an aggregation over part of the rows (a Spark partition, a Polars batch, a
    file), to merge with the others' and finish into exactly the `Grouping` of `group` or the
    `Indicators` of `indicators` over all the rows. `Partial()` aggregates for the indicators
    (by period and corridor); `Partial(dimensions)` for `group`. Feed it with `add_batch`
    (an Arrow batch of RPW rows) or `add` (a `Dataset`, observation dicts or a CSV source);
    `to_bytes()` / `Partial.from_bytes()` carry it between processes (it also pickles);
    `merge` is associative and commutative.

    >>> import remitcost
    >>> whole = remitcost.Partial()
    >>> data = remitcost.read_rpw_csv("testdata/rpw/sample.csv")
    >>> for part in (data.filter([i % 2 == 0 for i in range(len(data))]),
    ...              data.filter([i % 2 == 1 for i in range(len(data))])):
    ...     p = remitcost.Partial()
    ...     p.add(part)
    ...     whole.merge(remitcost.Partial.from_bytes(p.to_bytes()))
    >>> whole.indicators().to_dict() == remitcost.indicators(data).to_dict()
    True
    """
    def __new__(
        cls, dimensions: _Dimensions | None = None, *, options: _OptionsAggLike = None
    ) -> Partial: ...
    def add_batch(self, batch: Any) -> None:
        """Adds the rows of Arrow data of RPW rows (anything with `__arrow_c_stream__` or
        `__arrow_c_array__`: a pyarrow `RecordBatch` or `Table`, a polars or pandas DataFrame,
        a duckdb relation): the columns of `Dataset.to_arrow()`, or RPW's published headers.
        Decimal columns may be `decimal128` or text.
        """
    def add(self, data: _Services) -> None:
        """Adds service rows: a `Dataset`, observation dicts, or an RPW CSV source."""
    def merge(self, other: Partial | bytes) -> None:
        """Merges another part's state (`Partial` or its bytes) into this one; states of
        different dimensions or options raise `RemitError` with code `incompatible`.
        """
    def to_bytes(self) -> bytes:
        """The state as bytes (UTF-8 JSON), to send to another process."""
    @staticmethod
    def from_bytes(data: bytes) -> Partial:
        """A state from `to_bytes()`; a state that does not add up raises `RemitError`
        (`invalid_json`).
        """
    @property
    def dimensions(self) -> list[str]:
        """The dimensions grouped by."""
    @property
    def left_out(self) -> dict[str, int]:
        """Rows left out so far: `{"non_transparent": n, "unpriced": m}`."""
    def __len__(self) -> int: ...
    def grouping(self) -> Grouping:
        """The groups and their statistics, as `group` gives them over all the rows merged."""
    def indicators(self, *, weights: _Weights = None) -> Indicators:
        """The RPW indicators, as `indicators` gives them over all the rows merged (`weights`
        as there). Needs a state grouped by period and corridor (`Partial()`).
        """

def cost_columns(
    batch: Any, *, offer_column: str = "offer", amount_column: str = "amount",
    options: _OptionsLike = None,
) -> Table:
    """Prices the quotes of Arrow data (anything with `__arrow_c_stream__` or
    `__arrow_c_array__`: a pyarrow `Table` or `RecordBatch`, a polars DataFrame, a duckdb
    relation, a pandas DataFrame), one per row: the row's offer (a column of offer JSON
    documents, each distinct document parsed once) for the row's amount (a decimal column).
    Returns the cost columns only, aligned with the rows: `send_currency`,
    `receive_currency`, every `Cost` figure, then `error` (a row whose quote cannot be priced,
    or whose offer or amount is missing or malformed, gets its error code and null figures).
    `remitcost.batch.cost_batch` appends them to the batch.
    """
