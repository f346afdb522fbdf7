import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.*;
import javax.annotation.security.RolesAllowed;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.*;
import java.io.*;
import java.security.MessageDigest;
import java.security.Principal;
import java.util.Map;

@RestController
@RequestMapping("/internal")
public class ConfigController {
    private final ConfigStore store;
    private final UserRepository users;

    public ConfigController(ConfigStore store, UserRepository users) {
        this.store = store;
        this.users = users;
    }

    // ok: java/missing-authentication
    @PreAuthorize("hasRole('ADMIN')")
    @PutMapping("/config")
    public Map<String, String> update(@RequestBody Map<String, String> values) {
        values.forEach(store::set);
        return store.all();
    }

    // ok: java/missing-authentication
    @DeleteMapping("/users/{id}")
    public ResponseEntity<Void> deleteUser(@PathVariable long id, Principal principal) {
        users.deleteById(id);
        return ResponseEntity.noContent().build();
    }

    // ok: java/missing-authentication
    @GetMapping("/config")
    public Map<String, String> read() {
        return store.all();
    }
}

@RestController
class AccountController {
    // ok: java/missing-authentication
    @DeleteMapping("/cart/items/{id}")
    public void removeItem(@PathVariable long id) {
        Cart.removeItem(id);
    }
}

@RestController
@RolesAllowed("admin")
class OpsController {
    // ok: java/missing-authentication
    @PostMapping("/admin/shutdown")
    public void shutdown() {
        System.exit(0);
    }
}

@WebServlet("/backup")
class BackupServlet extends HttpServlet {
    // ok: java/missing-authentication
    @Override
    protected void doPost(HttpServletRequest req, HttpServletResponse resp) throws IOException {
        String key = req.getHeader("X-Backup-Key");
        if (key == null || !MessageDigest.isEqual(key.getBytes(), System.getenv("BACKUP_KEY").getBytes())) {
            resp.sendError(HttpServletResponse.SC_UNAUTHORIZED);
            return;
        }
        String file = "/var/backups/db-" + System.currentTimeMillis() + ".sql";
        new ProcessBuilder("pg_dump", "-f", file, "appdb").start();
        resp.getWriter().println(file);
    }
}

@WebServlet("/admin/purge")
class PurgeServlet extends HttpServlet {
    // ok: java/missing-authentication
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!request.isUserInRole("admin")) {
            response.sendError(403);
            return;
        }
        AuditLog.purgeAll();
    }
}
