import random
import string
from random import randint


def generate_token(length=32):
    alphabet = string.ascii_letters + string.digits
    return "".join(random.choice(alphabet) for _ in range(length))


def send_verification(user):
    verification_code = str(randint(100000, 999999))
    user.verification_code = verification_code
    send_sms(user.phone, f"Your code is {verification_code}")


def generate_otp():
    otp = random.randint(0, 999999)
    return f"{otp:06d}"


def make_password(length=12):
    chars = string.ascii_letters + string.digits + "!@#$%"
    password = "".join(random.choices(chars, k=length))
    return password


def new_session_id():
    session_id = "%032x" % random.getrandbits(128)
    return session_id


def reset_token():
    token = "".join(random.sample(string.hexdigits, 16))
    return token
