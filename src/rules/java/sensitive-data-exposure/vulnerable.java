import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.*;
import java.security.Principal;
import java.util.Map;
import java.util.List;

@RestController
public class MeController {
    private final UserRepository users;
    private final AccountRepository accountRepository;

    public MeController(UserRepository users, AccountRepository accountRepository) {
        this.users = users;
        this.accountRepository = accountRepository;
    }

    /** GET /api/me: the current user, for the account menu. */
    @GetMapping("/api/me")
    public Object me(Principal principal) {
        // ruleid: java/sensitive-data-exposure
        return users.findByUsername(principal.getName()).orElseThrow();
    }

    @GetMapping("/api/accounts/{id}")
    public ResponseEntity<Account> account(@PathVariable Long id) {
        Account account = accountRepository.findById(id).orElseThrow(() -> new NotFoundException(id));
        // ruleid: java/sensitive-data-exposure
        return ResponseEntity.ok(account);
    }

    @GetMapping("/api/users")
    public List<User> all() {
        // ruleid: java/sensitive-data-exposure
        return users.findAll();
    }

    @GetMapping("/api/users/{id}")
    public ResponseEntity<?> one(@PathVariable long id) {
        User u = users.findById(id).orElse(null);
        if (u == null) {
            return ResponseEntity.notFound().build();
        }
        // ruleid: java/sensitive-data-exposure
        return new ResponseEntity<>(u, HttpStatus.OK);
    }

    @GetMapping("/debug/env")
    public Map<String, String> env() {
        // ruleid: java/sensitive-data-exposure
        return System.getenv();
    }
}

@Controller
class LegacyController {
    private final MemberDao memberDao;

    LegacyController(MemberDao memberDao) {
        this.memberDao = memberDao;
    }

    @RequestMapping("/members/{id}")
    @ResponseBody
    public Member member(@PathVariable int id) {
        // ruleid: java/sensitive-data-exposure
        return memberDao.findById(id);
    }
}
