import random
import string
from random import randint
import secrets


def generate_token(length=32):
    alphabet = string.ascii_letters + string.digits
    return "".join(secrets.choice(alphabet) for _ in range(length))


def send_verification(user):
    verification_code = str(secrets.randbelow(900000) + 100000)
    user.verification_code = verification_code
    send_sms(user.phone, f"Your code is {verification_code}")


def generate_otp():
    otp = secrets.randbelow(1000000)
    return f"{otp:06d}"


def make_password(length=12):
    chars = string.ascii_letters + string.digits + "!@#$%"
    password = "".join(secrets.SystemRandom().choices(chars, k=length))
    return password


def new_session_id():
    session_id = "%032x" % secrets.randbits(128)
    return session_id


def reset_token():
    token = "".join(secrets.SystemRandom().sample(string.hexdigits, 16))
    return token
