import com.fasterxml.jackson.annotation.JsonIgnore;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.*;
import java.security.Principal;
import java.util.Map;

@RestController
public class MeController {
    private final UserRepository users;
    private final OrderRepository orders;
    private final CustomerRepository customers;

    public MeController(UserRepository users, OrderRepository orders, CustomerRepository customers) {
        this.users = users;
        this.orders = orders;
        this.customers = customers;
    }

    @GetMapping("/api/me")
    public MeResponse me(Principal principal) {
        User user = users.findByUsername(principal.getName()).orElseThrow();
        // ok: java/sensitive-data-exposure
        return new MeResponse(user.getId(), user.getDisplayName(), user.getAvatarUrl());
    }

    @GetMapping("/api/me/name")
    public Map<String, Object> name(Principal principal) {
        User user = users.findByUsername(principal.getName()).orElseThrow();
        // ok: java/sensitive-data-exposure
        return Map.of("id", user.getId(), "name", user.getDisplayName());
    }

    @GetMapping("/api/orders/{id}")
    public Order order(@PathVariable long id) {
        // ok: java/sensitive-data-exposure
        return orders.findById(id).orElseThrow();
    }

    @GetMapping("/api/customers/{id}")
    public Customer customer(@PathVariable long id) {
        // ok: java/sensitive-data-exposure
        return customers.findById(id).orElseThrow();
    }

    @GetMapping("/api/users/{id}")
    public ResponseEntity<UserDto> one(@PathVariable long id) {
        // ok: java/sensitive-data-exposure
        return ResponseEntity.ok(UserDto.from(users.findById(id).orElseThrow()));
    }

    @GetMapping("/health")
    public Map<String, String> health() {
        // ok: java/sensitive-data-exposure
        return Map.of("status", "UP", "profile", System.getenv().getOrDefault("PROFILE", "dev"));
    }
}

@RestController
class MemberController {
    private final MemberRepository members;

    MemberController(MemberRepository members) {
        this.members = members;
    }

    @GetMapping("/api/members/{id}")
    public Member member(@PathVariable long id) {
        // ok: java/sensitive-data-exposure
        return members.findById(id).orElseThrow();
    }
}

class Member {
    private Long id;
    private String nickname;
}

class Customer {
    private Long id;
    private String name;
    @JsonIgnore
    private String passwordHash;
}

class UserService {
    private final UserRepository users;

    UserService(UserRepository users) {
        this.users = users;
    }

    public User load(String name) {
        // ok: java/sensitive-data-exposure
        return users.findByUsername(name).orElseThrow();
    }
}
