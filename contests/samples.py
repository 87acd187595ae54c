"""Short synthetic clips made with PyAV (colour fields and a tone, no real people): tests and demo."""

import io
import math
import struct
import zipfile
from fractions import Fraction

import av
from PIL import Image


def make_clip(
    *, seconds=2.0, width=1280, height=720, fps=10, video=True, audio=True, codec="libx264", fmt="mp4"
):
    buffer = io.BytesIO()
    with av.open(buffer, mode="w", format=fmt) as output:
        video_stream = audio_stream = None
        if video:
            video_stream = output.add_stream(codec, rate=fps)
            video_stream.width, video_stream.height, video_stream.pix_fmt = width, height, "yuv420p"
            if codec == "libx264":
                video_stream.options = {"preset": "ultrafast"}
        if audio:
            audio_stream = output.add_stream("aac", rate=48000)
            audio_stream.layout = "mono"
        if video_stream is not None:
            for index in range(int(seconds * fps)):
                image = Image.new("RGB", (width, height), (20, 80, 200))
                image.paste((200, (index * 20) % 255, 40), (0, 0, width // 2, height))
                frame = av.VideoFrame.from_image(image)
                frame.pts = index
                frame.time_base = Fraction(1, fps)
                output.mux(video_stream.encode(frame))
            output.mux(video_stream.encode(None))
        if audio_stream is not None:
            samples = 1024
            for index in range(int(seconds * 48000 / samples)):
                tone = [
                    int(6000 * math.sin(2 * math.pi * 440 * (index * samples + i) / 48000))
                    for i in range(samples)
                ]
                frame = av.AudioFrame(format="s16", layout="mono", samples=samples)
                frame.planes[0].update(struct.pack(f"<{samples}h", *tone))
                frame.sample_rate = 48000
                frame.pts = index * samples
                frame.time_base = Fraction(1, 48000)
                output.mux(audio_stream.encode(frame))
            output.mux(audio_stream.encode(None))
    return buffer.getvalue()


def truncated(data, fraction=0.5):
    return data[: int(len(data) * fraction)]


def html_document():
    return b"<!DOCTYPE html><html><head><title>film</title></head><body>not a film</body></html>\n" * 20


def zip_archive():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("film.txt", "not a film" * 100)
    return buffer.getvalue()


def png_image():
    buffer = io.BytesIO()
    Image.new("RGB", (1280, 720), (10, 120, 200)).save(buffer, "PNG")
    return buffer.getvalue()


def playlist():
    return b"#EXTM3U\n#EXT-X-TARGETDURATION:10\n#EXTINF:10,\nfile:///etc/passwd\n#EXT-X-ENDLIST\n"
