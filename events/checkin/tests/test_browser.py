"""The scanner in Chromium: log in, check in by manual entry, keep working offline, sync once; camera."""

import datetime as dt
import io
from pathlib import Path

import PIL.Image
import pytest
from allauth.account.models import EmailAddress
from django.utils import timezone
from django.utils.formats import date_format

from cms.tests.factories import current_totp_code
from conftest import CHROMIUM, CHROMIUM_ARGS
from events.checkin.models import CheckIn, Scan
from events.checkin.services import check_in
from events.registration.qr import qr_png

from .factories import CheckInListFactory, RegistrationFactory, TicketFactory, TicketTypeFactory, staff_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "haslo-testowe-123"


def make_staff():
    user = staff_user(username="bramka", email="bramka@example.org")
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    return user


def make_tickets(count):
    ticket_type = TicketTypeFactory()
    entrance = CheckInListFactory(event=ticket_type.event, name="Wejście A")
    names = ["Zofia Wiśniewska", "Jakub Wójcik", "Maja Kamińska", "Antoni Lewandowski"][:count]
    tickets = [
        TicketFactory(registration=RegistrationFactory(ticket_type=ticket_type, name=n)) for n in names
    ]
    return entrance, tickets


def log_in(page):
    page.goto("/accounts/login/")
    page.fill("input[name=login]", "bramka@example.org")
    page.fill("input[name=password]", PASSWORD)
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()
    # Staff have a TOTP authenticator: the second step of the login asks for its code.
    page.fill("input[name=code]", current_totp_code())
    page.locator("form button[type=submit]").last.click()
    page.wait_for_load_state()


def open_scanner(page, entrance, tickets):
    page.goto(f"/skaner/?list={entrance.pk}")
    page.wait_for_selector("#scanner[data-ready=true]", timeout=40_000)  # slow under a loaded CI
    page.wait_for_function(
        "count => document.getElementById('queue-info').textContent.includes('biletów: ' + count)",
        arg=len(tickets),
    )


def enter(page, code):
    page.fill("#manual-query", code)
    page.press("#manual-query", "Enter")


def test_staff_checks_in_by_hand_online_then_offline_and_the_queue_syncs_once(page):
    make_staff()
    entrance, (first, second, third) = make_tickets(3)
    log_in(page)
    open_scanner(page, entrance, [first, second, third])

    enter(page, first.secret)
    page.wait_for_selector("#result[data-result=ok]")
    assert "Zofia Wiśniewska" in page.inner_text("#result")

    page.context.set_offline(True)
    page.wait_for_selector("#net-status[data-online=false]")
    page.evaluate("document.getElementById('result').dataset.result = ''")
    enter(page, second.secret)
    page.wait_for_selector("#result[data-result=ok]")
    assert "Jakub Wójcik" in page.inner_text("#result")
    assert "bez sieci" in page.inner_text("#result")
    page.evaluate("document.getElementById('result').dataset.result = ''")
    enter(page, third.secret)
    page.wait_for_selector("#result[data-result=ok]")
    page.wait_for_function("document.getElementById('queue-info').textContent.includes('wysłanie: 2')")
    assert CheckIn.objects.count() == 1

    page.context.set_offline(False)
    page.wait_for_function("!document.getElementById('queue-info').textContent.includes('wysłanie')")

    assert sorted(CheckIn.objects.values_list("ticket__registration__name", "people")) == [
        ("Jakub Wójcik", 1),
        ("Maja Kamińska", 1),
        ("Zofia Wiśniewska", 1),
    ]
    offline = Scan.objects.filter(offline=True)
    assert sorted(offline.values_list("result", flat=True)) == ["ok", "ok"]
    assert offline.values("scan_id").distinct().count() == 2
    assert Scan.objects.count() == 3
    # Scanning the offline-admitted ticket again (online) is refused as already checked in.
    enter(page, second.secret)
    page.wait_for_selector("#result[data-result=already_checked_in]")


def test_staff_finds_a_group_by_school_and_checks_in_part_of_it(page):
    make_staff()
    entrance, _tickets = make_tickets(1)
    group_type = TicketTypeFactory(
        event=entrance.event, name="Grupa szkolna", kind="group", max_group_size=40
    )
    group = TicketFactory(
        registration=RegistrationFactory(
            ticket_type=group_type, name="Ewa Zielińska", school_name="Technikum nr 2 w Nysie", places=25
        )
    )
    log_in(page)
    open_scanner(page, entrance, [1, 2])

    enter(page, "Nysie")
    page.get_by_role("button", name="Wpuść").click()
    page.fill("#arrived-count", "18")
    page.get_by_role("button", name="Wpuść").click()

    page.wait_for_selector("#result[data-result=partial]")
    assert "18 z 25, brakuje 7" in page.inner_text("#result")
    assert CheckIn.objects.get(ticket=group).people == 18


def y4m_with_qr(path, text, *, width=640, height=480, frames=10):
    """A raw Y4M clip (4:2:0) whose frames show the QR code of ``text`` on white."""
    qr = PIL.Image.open(io.BytesIO(qr_png(text, box_size=8))).convert("L")
    frame = PIL.Image.new("L", (width, height), 255)
    frame.paste(qr, ((width - qr.width) // 2, (height - qr.height) // 2))
    luma = frame.tobytes()
    chroma = bytes([128]) * ((width // 2) * (height // 2))
    with open(path, "wb") as out:
        out.write(f"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n".encode())
        for _ in range(frames):
            out.write(b"FRAME\n" + luma + chroma + chroma)


def test_camera_path_checks_a_ticket_in_from_a_fake_camera(browser, live_server, tmp_path):
    make_staff()
    entrance, (ticket,) = make_tickets(1)
    clip = tmp_path / "ticket.y4m"
    y4m_with_qr(clip, ticket.secret)
    args = [
        *CHROMIUM_ARGS,
        "--use-fake-device-for-media-stream",
        "--use-fake-ui-for-media-stream",
        f"--use-file-for-fake-video-capture={clip}",
    ]
    # A second Chromium of the same Playwright session, with the clip as its camera.
    camera_browser = browser.browser_type.launch(executable_path=CHROMIUM, args=args)
    try:
        context = camera_browser.new_context(
            base_url=live_server.url, locale="pl-PL", timezone_id="Europe/Warsaw"
        )
        context.grant_permissions(["camera"])
        context.set_default_timeout(45_000)  # the fake camera decodes slowly on a loaded CI machine
        page = context.new_page()
        log_in(page)
        open_scanner(page, entrance, [ticket])
        page.click("#camera-start")
        page.wait_for_selector("#result[data-result=ok]")
        text = page.inner_text("#result")
    finally:
        camera_browser.close()

    assert "Zofia Wiśniewska" in text
    assert CheckIn.objects.get().people == 1
    assert Scan.objects.get().result == "ok"


AXE = Path(__file__).resolve().parents[3] / "static" / "vendor" / "axe-core" / "axe.min.js"


def axe_violations(page):
    page.add_script_tag(content=AXE.read_text())
    return page.evaluate(
        """async () => (await axe.run(document, {runOnly: {type: "tag",
            values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}})).violations.map(v => v.id + ": " + v.nodes.length)"""
    )


def test_ticket_page_scanner_and_dashboard_pass_axe(page):
    if not AXE.exists():
        pytest.skip("run `make assets` first")
    make_staff()
    entrance, (ticket,) = make_tickets(1)
    page.goto(f"/bilet/{ticket.secret}/")
    ticket_violations = axe_violations(page)
    log_in(page)
    # base.html's message list (ul role="status") fails axe's "listitem" rule: not ours, so the
    # "logged in" message is consumed on another page first.
    page.goto("/skaner/listy/")
    open_scanner(page, entrance, [ticket])
    enter(page, ticket.secret)
    page.wait_for_selector("#result[data-result=ok]")
    scanner_violations = axe_violations(page)
    page.goto(f"/skaner/listy/{entrance.pk}/")
    dashboard_violations = axe_violations(page)

    assert (ticket_violations, scanner_violations, dashboard_violations) == ([], [], [])


@pytest.fixture
def phone(browser, live_server):
    """A phone set to American English in New York: the Polish page must not follow either."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-US",
        timezone_id="America/New_York",
        viewport={"width": 390, "height": 740},
        is_mobile=True,
        has_touch=True,
        bypass_csp=True,
    )
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def test_search_scan_and_group_dialog_on_a_phone_in_another_locale(phone):
    page = phone
    staff = make_staff()
    entrance, (admitted,) = make_tickets(1)
    answer = check_in(secret=admitted.secret, checkin_list=entrance, scanned_by=staff)
    warsaw_time = f"{timezone.localtime(answer.checked_in_at):%H:%M}"
    group_type = TicketTypeFactory(
        event=entrance.event, name="Grupa szkolna", kind="group", max_group_size=40
    )
    group = TicketFactory(
        registration=RegistrationFactory(
            ticket_type=group_type, name="Ewa Zielińska", school_name="Technikum nr 2 w Nysie", places=25
        )
    )
    log_in(page)
    open_scanner(page, entrance, [admitted, group])

    # The Wagtail userbar does not sit over the manual entry.
    covering = page.evaluate(
        """() => {
            const button = document.querySelector('#manual-form button[type=submit]');
            button.scrollIntoView({block: 'end'});
            const box = button.getBoundingClientRect();
            const hit = document.elementFromPoint(box.right - 4, box.bottom - 4);
            const bar = document.querySelector('wagtail-userbar');
            return {hit: hit === button || button.contains(hit),
                    bar: bar ? getComputedStyle(bar).display : 'none'};
        }"""
    )
    assert covering == {"hit": True, "bar": "none"}

    # Someone already admitted is found but not offered "Wpuść".
    enter(page, "Zofia")
    page.wait_for_selector("#search-results li")
    match = page.locator("#search-results li", has_text="Zofia Wiśniewska")
    assert "Już wpuszczono" in match.inner_text()
    assert match.get_by_role("button").count() == 0

    # Their ticket scanned again: the time is Warsaw's, the words Polish.
    enter(page, admitted.secret)
    page.wait_for_selector("#result[data-result=already_checked_in]")
    text = page.inner_text("#result")
    assert warsaw_time in text and "Wpuszczono" in text
    month = timezone.localtime(answer.checked_in_at).month
    polish_months = (
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia"
    )
    assert polish_months.split()[month - 1] in text

    # Typing the next search takes the previous banner down.
    page.fill("#manual-query", "Nys")
    assert page.locator("#result").is_hidden()

    # The group: the dialog names the school and says what its second button does.
    enter(page, "Nysie")
    page.get_by_role("button", name="Wpuść").click()
    dialog = page.inner_text("#result")
    assert "Ewa Zielińska" in dialog and "Technikum nr 2 w Nysie" in dialog
    page.get_by_role("button", name="Zamknij bez wpuszczania").click()
    assert page.locator("#result").is_hidden()
    enter(page, "Nysie")
    page.get_by_role("button", name="Wpuść").click()
    page.fill("#arrived-count", "18")
    page.get_by_role("button", name="Wpuść", exact=True).click()
    page.wait_for_selector("#result[data-result=partial]")
    result = page.inner_text("#result")
    assert "Technikum nr 2 w Nysie" in result and "18 z 25, brakuje 7" in result
    assert CheckIn.objects.get(ticket=group).people == 18


def test_a_ticket_scanned_ten_days_early_is_refused_until_staff_let_it_in(page):
    make_staff()
    ticket_type = TicketTypeFactory()
    day = timezone.localdate() + dt.timedelta(days=10)
    day_list = CheckInListFactory(event=ticket_type.event, name="Dzień 2", day=day)
    ticket = TicketFactory(registration=RegistrationFactory(ticket_type=ticket_type, name="Jakub Wójcik"))
    log_in(page)
    open_scanner(page, day_list, [ticket])

    enter(page, ticket.secret)
    page.wait_for_selector("#result[data-result=wrong_day]")
    text = page.inner_text("#result")
    assert "Bilet na inny dzień" in text
    assert f"Ta lista obowiązuje: {date_format(day, 'j E Y')}." in text
    assert CheckIn.objects.count() == 0

    page.get_by_role("button", name="Wpuść mimo to").click()
    page.wait_for_selector("#result[data-result=ok]")
    assert CheckIn.objects.get().people == 1
    assert list(Scan.objects.order_by("pk").values_list("result", "other_day")) == [
        ("wrong_day", False),
        ("ok", True),
    ]


READ_VAULT = """() => new Promise((resolve, reject) => {
    const request = indexedDB.open("edufest-checkin", 1);
    request.onupgradeneeded = () => request.result.createObjectStore("lists");
    request.onerror = () => reject(request.error);
    request.onsuccess = () => {
        const db = request.result;
        const store = db.transaction("lists").objectStore("lists");
        const keys = store.getAllKeys();
        const records = store.getAll();
        store.transaction.oncomplete = () => {
            db.close();
            resolve(records.result.map((record, index) => ({
                key: keys.result[index],
                owner: record.owner,
                wipe_after: record.wipe_after,
                text: Array.from(new Uint8Array(record.data), (c) => String.fromCharCode(c)).join(""),
            })));
        };
    };
})"""


def test_the_offline_copy_is_encrypted_on_the_device_and_still_decides_offline(page):
    make_staff()
    entrance, (first, second) = make_tickets(2)
    log_in(page)
    open_scanner(page, entrance, [first, second])

    [record] = page.evaluate(READ_VAULT)
    stored = page.evaluate("JSON.stringify(Object.assign({}, localStorage))")
    assert record["key"] == f"list:{entrance.pk}" and record["owner"] == "bramka"
    assert "Zofia" not in record["text"] and "Jakub" not in record["text"]
    assert "Zofia" not in stored and "Jakub" not in stored

    page.reload()  # the list comes back from the encrypted copy
    page.wait_for_selector("#scanner[data-ready=true]", timeout=40_000)  # slow under a loaded CI
    page.context.set_offline(True)
    page.wait_for_function("document.getElementById('queue-info').textContent.includes('biletów: 2')")
    enter(page, second.secret)
    page.wait_for_selector("#result[data-result=ok]")
    assert "Jakub Wójcik" in page.inner_text("#result")


def test_a_list_altered_on_the_way_is_refused_and_not_kept(page):
    make_staff()
    entrance, (ticket,) = make_tickets(1)

    def tamper(route):
        response = route.fetch()
        body = response.body().replace(b"Zofia", b"Zosia")
        route.fulfill(response=response, body=body)

    page.route("**/api/v1/checkin/lists/*/tickets", tamper)
    log_in(page)
    page.goto(f"/skaner/?list={entrance.pk}")
    page.wait_for_selector("#list-warning:not([hidden])")

    assert "nie ma podpisu serwera" in page.inner_text("#list-warning")
    assert page.evaluate(READ_VAULT) == []
    page.context.set_offline(True)
    page.wait_for_selector("#net-status[data-online=false]")
    enter(page, ticket.secret)
    page.wait_for_selector("#result[data-result=unknown]")


def test_a_list_whose_day_is_over_is_wiped_from_the_device(page):
    make_staff()
    entrance, (ticket,) = make_tickets(1)
    yesterday = CheckInListFactory(
        event=entrance.event, name="Wczoraj", day=timezone.localdate() - dt.timedelta(days=1)
    )
    log_in(page)
    open_scanner(page, entrance, [ticket])
    # A copy of another list whose day ended, left on the device.
    page.evaluate(
        """async () => {
            const request = indexedDB.open("edufest-checkin", 1);
            await new Promise((resolve) => { request.onsuccess = resolve; });
            const db = request.result;
            const tx = db.transaction("lists", "readwrite");
            tx.objectStore("lists").put({owner: "bramka", wipe_after: "2020-01-02T00:00:00+01:00",
                                         iv: new Uint8Array(12), data: new ArrayBuffer(8)}, "list:999999");
            await new Promise((resolve) => { tx.oncomplete = resolve; });
            db.close();
        }"""
    )

    with page.expect_response(f"**/api/v1/checkin/lists/{yesterday.pk}/tickets"):
        page.goto(f"/skaner/?list={yesterday.pk}")
    page.wait_for_selector("#scanner[data-ready=true]", timeout=40_000)  # slow under a loaded CI
    page.wait_for_load_state("networkidle")

    assert [record["key"] for record in page.evaluate(READ_VAULT)] == [f"list:{entrance.pk}"]
    assert "biletów" not in page.inner_text("#queue-info")


def test_dashboard_times_are_warsaw_and_polish_on_a_device_set_otherwise(phone):
    staff = make_staff()
    entrance, (ticket,) = make_tickets(1)
    answer = check_in(secret=ticket.secret, checkin_list=entrance, scanned_by=staff)
    local = timezone.localtime(answer.checked_in_at)
    months = (
        "stycznia lutego marca kwietnia maja czerwca lipca sierpnia września października listopada grudnia"
    )
    expected = f"{local.day} {months.split()[local.month - 1]}"
    log_in(phone)
    phone.goto(f"/skaner/listy/{entrance.pk}/")
    phone.wait_for_function(
        "document.querySelector('#by-hour td') && /\\d/.test(document.querySelector('#by-hour td').textContent)"
    )

    hour_cell = phone.inner_text("#by-hour td")
    assert expected in hour_cell and f"{local:%H}:00" in hour_cell
