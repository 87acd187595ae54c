"""Probing and transcoding of contest films with PyAV (the FFmpeg its wheel ships).

Safety: a file is only opened after its first bytes show one of the accepted container families
(MP4/QuickTime, Matroska/WebM, AVI), and FFmpeg is then told that very demuxer and given a Python
file object, so it never guesses a playlist/concat/image demuxer, never opens another file or a
network address, and MP4 external references stay off (FFmpeg's default ``enable_drefs=0``).
Every loop is bounded by a packet/frame count and a wall-clock limit.
"""

import time
from dataclasses import asdict, dataclass
from fractions import Fraction

import av
from django.utils.translation import gettext_lazy as _

PROBE_SECONDS = 60
TRANSCODE_SECONDS = 30 * 60
MAX_PACKETS = 2_000_000
WEB_HEIGHT = 720
# The largest picture taken for transcoding (DCI 4K); anything larger is refused before any work.
MAX_LONG_SIDE = 4096
MAX_SHORT_SIDE = 2160


class MediaRejected(Exception):
    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason


@dataclass
class MediaInfo:
    family: str
    container: str
    duration: float
    width: int
    height: int
    video_codec: str
    audio_codec: str
    frame_rate: float

    def as_dict(self):
        return asdict(self)


# (family, FFmpeg demuxer, file extensions it covers)
FAMILIES = {
    "mov": ("mov", {"mp4", "mov", "m4v", "3gp"}),
    "matroska": ("matroska", {"mkv", "webm"}),
    "avi": ("avi", {"avi"}),
}
MP4_ATOMS = {b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip", b"pnot"}


def sniff_family(head):
    """The container family from the first bytes, or None for anything else (HTML, zip, images…)."""
    if len(head) >= 12 and head[4:8] in MP4_ATOMS:
        return "mov"
    if head[:4] == b"\x1a\x45\xdf\xa3":
        return "matroska"
    if head[:4] == b"RIFF" and head[8:12] in (b"AVI ", b"AVIX"):
        return "avi"
    return None


def _open(fileobj, family):
    return av.open(fileobj, mode="r", format=FAMILIES[family][0], options={"protocol_whitelist": "file"})


def probe(path, *, time_limit=PROBE_SECONDS):
    """Read the container, check that a video stream decodes and that the packets reach the end."""
    with open(path, "rb") as fileobj:
        head = fileobj.read(16)
        family = sniff_family(head)
        if family is None:
            raise MediaRejected(
                _("This is not a video file (the content is not MP4, MOV, MKV, WebM or AVI).")
            )
        fileobj.seek(0)
        try:
            container = _open(fileobj, family)
        except (av.FFmpegError, ValueError, OSError):
            raise MediaRejected(
                _("The file cannot be read as a video: it is damaged or incomplete.")
            ) from None
        with container:
            return _inspect(container, family, time_limit)


def _inspect(container, family, time_limit):
    video = next(iter(container.streams.video), None)
    audio = next(iter(container.streams.audio), None)
    if video is None:
        raise MediaRejected(_("The file has no video stream (only sound or nothing playable)."))
    width = video.codec_context.width or 0
    height = video.codec_context.height or 0
    duration = _duration(container, video)
    rate = float(video.average_rate or video.guessed_rate or 25)
    started = time.monotonic()
    last_video_end = 0.0
    video_packets = 0
    decoded_frames = 0
    try:
        for count, packet in enumerate(container.demux(video), start=1):
            if count > MAX_PACKETS or time.monotonic() - started > time_limit:
                raise MediaRejected(_("Checking the file took too long."))
            if packet.pts is None or packet.size == 0:
                continue
            video_packets += 1
            end = float((packet.pts + (packet.duration or 0)) * packet.time_base)
            last_video_end = max(last_video_end, end)
            if decoded_frames < 3:
                decoded_frames += len(packet.decode())
    except av.FFmpegError:
        raise MediaRejected(_("The file is damaged: its video could not be read to the end.")) from None
    if decoded_frames == 0 or video_packets == 0:
        raise MediaRejected(_("The video stream could not be decoded."))
    start = float(video.start_time * video.time_base) if video.start_time is not None else 0.0
    if duration <= 0:
        duration = last_video_end - start
    expected_packets = video.frames or 0
    if (
        expected_packets and video_packets < expected_packets
    ) or last_video_end - start < duration * 0.9 - 0.5:
        raise MediaRejected(
            _("The file is incomplete (it seems to have been cut off during copying or upload).")
        )
    return MediaInfo(
        family=family,
        container=container.format.name,
        duration=round(duration, 3),
        width=width,
        height=height,
        video_codec=video.codec_context.name,
        audio_codec=audio.codec_context.name if audio is not None else "",
        frame_rate=round(rate, 3),
    )


def _duration(container, video):
    if video.duration is not None and video.time_base:
        return float(video.duration * video.time_base)
    if container.duration is not None:
        return container.duration / av.time_base
    return 0.0


def check_against_rules(info, *, category, filename=""):
    extension = filename.rsplit(".", 1)[-1].lower() if "." in filename else ""
    if extension not in category.container_list or extension not in FAMILIES[info.family][1]:
        raise MediaRejected(
            _("The file's content (%(family)s) does not match an accepted type (%(types)s).")
            % {"family": info.family, "types": ", ".join(category.container_list)}
        )
    if info.video_codec.lower() not in category.video_codec_list:
        raise MediaRejected(
            _("The video codec %(codec)s is not accepted. Accepted: %(codecs)s.")
            % {"codec": info.video_codec, "codecs": ", ".join(category.video_codec_list)}
        )
    if info.duration > category.max_duration_seconds + 0.5:
        raise MediaRejected(
            _("The film is too long: %(duration)s s, the limit is %(limit)s s.")
            % {"duration": round(info.duration), "limit": category.max_duration_seconds}
        )
    if info.duration < category.min_duration_seconds:
        raise MediaRejected(
            _("The film is too short: %(duration)s s, at least %(limit)s s are required.")
            % {"duration": round(info.duration), "limit": category.min_duration_seconds}
        )
    if min(info.width, info.height) < category.min_height:
        raise MediaRejected(
            _("The resolution is too low: %(width)dx%(height)d, at least %(min)dp is required.")
            % {"width": info.width, "height": info.height, "min": category.min_height}
        )
    if max(info.width, info.height) > MAX_LONG_SIDE or min(info.width, info.height) > MAX_SHORT_SIDE:
        raise MediaRejected(
            _(
                "The resolution is too high: %(width)dx%(height)d, at most 4K (%(long)dx%(short)d) is accepted."
            )
            % {"width": info.width, "height": info.height, "long": MAX_LONG_SIDE, "short": MAX_SHORT_SIDE}
        )


def _scaled_size(width, height, target=WEB_HEIGHT):
    """Keep the aspect ratio, short side ``target`` (never upscale), even dimensions for H.264."""
    short = min(width, height)
    scale = min(1.0, target / short) if short else 1.0
    return max(2, int(width * scale) // 2 * 2), max(2, int(height * scale) // 2 * 2)


def make_poster(source, destination, info, *, time_limit=PROBE_SECONDS):
    """A JPEG of a frame about a third into the film (at most 5 s in), at 720p."""
    started = time.monotonic()
    with open(source, "rb") as fileobj, _open(fileobj, info.family) as container:
        video = container.streams.video[0]
        target = min(info.duration / 3, 5.0)
        chosen = None
        for count, frame in enumerate(container.decode(video)):
            if count > 2000 or time.monotonic() - started > time_limit:
                break
            chosen = frame
            if frame.time is not None and frame.time >= target:
                break
        if chosen is None:
            raise MediaRejected(_("No picture could be taken from the video."))
        width, height = _scaled_size(chosen.width, chosen.height)
        chosen.to_image().resize((width, height)).convert("RGB").save(destination, "JPEG", quality=85)


def make_web_copy(source, destination, info, *, time_limit=TRANSCODE_SECONDS):
    """A 720p H.264/AAC MP4 with the index at the front (fast start) for playing in the browser."""
    started = time.monotonic()
    fps = Fraction(info.frame_rate).limit_denominator(1001) if info.frame_rate else Fraction(25)
    if fps <= 0 or fps > 120:
        fps = Fraction(25)
    width, height = _scaled_size(info.width, info.height)
    max_frames = int((info.duration + 2) * float(fps)) + 10
    with (
        open(source, "rb") as fileobj,
        _open(fileobj, info.family) as container,
        av.open(destination, mode="w", format="mp4", container_options={"movflags": "+faststart"}) as output,
    ):
        video_in = container.streams.video[0]
        audio_in = next(iter(container.streams.audio), None)
        video_out = output.add_stream("libx264", rate=fps)
        video_out.width, video_out.height, video_out.pix_fmt = width, height, "yuv420p"
        video_out.options = {"preset": "veryfast", "crf": "23"}
        audio_out = None
        if audio_in is not None:
            audio_out = output.add_stream("aac", rate=48000)
            audio_out.layout = "stereo"
        streams = [video_in] + ([audio_in] if audio_in is not None else [])
        frames = 0
        for packet in container.demux(streams):
            if time.monotonic() - started > time_limit:
                raise MediaRejected(_("Making the web copy took too long."))
            for frame in packet.decode():
                if packet.stream.type == "video":
                    if frames >= max_frames:
                        continue
                    frame = frame.reformat(width=width, height=height, format="yuv420p")
                    frame.pts = frames
                    frame.time_base = 1 / fps
                    frames += 1
                    output.mux(video_out.encode(frame))
                elif audio_out is not None:
                    frame.pts = None
                    output.mux(audio_out.encode(frame))
        output.mux(video_out.encode(None))
        if audio_out is not None:
            output.mux(audio_out.encode(None))
