package com.example.auth;

import java.util.Random;
import java.security.SecureRandom;

public class TokenService {
    private static final Random RANDOM = new SecureRandom();
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public String generateSessionToken() {
        StringBuilder sb = new StringBuilder(32);
        for (int i = 0; i < 32; i++) {
            sb.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    public String createOtp() {
        int otp = 100000 + new SecureRandom().nextInt(900000);
        return String.valueOf(otp);
    }

    public String newApiKey() {
        Random rnd = new SecureRandom();
        long apiKey = rnd.nextLong();
        return Long.toHexString(apiKey);
    }
}
