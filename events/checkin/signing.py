"""The server's signature on offline lists (ECDSA P-256, SHA-256), which the scanner verifies.

The scanner gets the public key with its page (SPKI, base64) and checks the ``X-Edufest-Signature``
header (base64 of the raw 64-byte ``r || s``, the form WebCrypto verifies) over the exact bytes of
the list before it uses or stores them: a list altered on the way, or put on the device by anyone
but the server, is refused. The private key is ``settings.EDUFEST_CHECKIN_SIGNING_KEY`` (PEM), or,
unset, derived from ``SECRET_KEY`` so each installation has its own stable key.
"""

import base64
import functools
import hashlib
import secrets

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature
from django.conf import settings

HEADER = "X-Edufest-Signature"
CURVE_ORDER = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551  # P-256's n
COORDINATE_BYTES = 32


@functools.lru_cache(maxsize=4)
def _private_key(pem, secret_key):
    if pem:
        key = serialization.load_pem_private_key(pem.encode(), password=None)
        if not isinstance(key, ec.EllipticCurvePrivateKey) or key.curve.name != "secp256r1":
            raise ValueError("EDUFEST_CHECKIN_SIGNING_KEY must be an ECDSA P-256 private key.")
        return key
    digest = hashlib.sha256(b"edufest-checkin-offline-list-signing:" + secret_key.encode()).digest()
    return ec.derive_private_key(int.from_bytes(digest, "big") % (CURVE_ORDER - 1) + 1, ec.SECP256R1())


def private_key():
    return _private_key(settings.EDUFEST_CHECKIN_SIGNING_KEY, settings.SECRET_KEY)


def public_key_spki():
    """The public key as base64 SubjectPublicKeyInfo (DER), for ``crypto.subtle.importKey("spki")``."""
    der = (
        private_key()
        .public_key()
        .public_bytes(serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    )
    return base64.b64encode(der).decode()


def sign(body: bytes) -> str:
    r, s = decode_dss_signature(private_key().sign(body, ec.ECDSA(hashes.SHA256())))
    return base64.b64encode(
        r.to_bytes(COORDINATE_BYTES, "big") + s.to_bytes(COORDINATE_BYTES, "big")
    ).decode()


def verify(body: bytes, signature: str) -> bool:
    raw = base64.b64decode(signature)
    if len(raw) != 2 * COORDINATE_BYTES:
        return False
    r, s = int.from_bytes(raw[:COORDINATE_BYTES], "big"), int.from_bytes(raw[COORDINATE_BYTES:], "big")
    try:
        private_key().public_key().verify(encode_dss_signature(r, s), body, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        return False
    return True


def new_storage_key():
    """A random AES-256 key (base64) for one login session: the scanner encrypts its copy with it."""
    return base64.b64encode(secrets.token_bytes(32)).decode()
