import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.*;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.server.ResponseStatusException;
import org.apache.commons.io.FilenameUtils;
import javax.servlet.ServletException;
import javax.servlet.annotation.MultipartConfig;
import javax.servlet.annotation.WebServlet;
import javax.servlet.http.*;
import java.io.*;
import java.nio.file.*;
import java.util.Set;
import java.util.UUID;

@RestController
public class ResumeController {
    private static final Set<String> ALLOWED_EXTENSIONS = Set.of("pdf", "doc", "docx");
    private final Path uploads = Paths.get("uploads");

    @PostMapping("/apply/resume")
    public String upload(@RequestParam("file") MultipartFile file) throws IOException {
        String ext = FilenameUtils.getExtension(file.getOriginalFilename()).toLowerCase();
        if (!ALLOWED_EXTENSIONS.contains(ext)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "unsupported file type");
        }
        String stored = UUID.randomUUID() + "." + ext;
        // ok: java/unrestricted-upload
        Files.copy(file.getInputStream(), uploads.resolve(stored));
        return stored;
    }

    @PostMapping("/avatar")
    public String avatar(@RequestParam MultipartFile avatar) throws IOException {
        if (!"image/png".equals(avatar.getContentType())) {
            throw new ResponseStatusException(HttpStatus.UNSUPPORTED_MEDIA_TYPE);
        }
        String name = Paths.get(avatar.getOriginalFilename()).getFileName().toString();
        // ok: java/unrestricted-upload
        avatar.transferTo(new File("/srv/avatars", name));
        return name;
    }

    @PostMapping("/import")
    public String importCsv(@RequestParam MultipartFile data) throws IOException {
        String id = UUID.randomUUID().toString();
        // ok: java/unrestricted-upload
        data.transferTo(uploads.resolve(id + ".csv"));
        return id;
    }

    @PostMapping("/reports")
    public String report(@RequestParam MultipartFile report) throws IOException {
        String original = report.getOriginalFilename();
        if (original == null || !original.toLowerCase().endsWith(".pdf")) {
            throw new IllegalArgumentException("only PDF reports");
        }
        // ok: java/unrestricted-upload
        report.transferTo(uploads.resolve(Paths.get(original).getFileName()));
        return original;
    }

    @PostMapping("/photos")
    public String photo(@RequestParam MultipartFile photo) throws IOException {
        validateImage(photo);
        String name = FilenameUtils.getName(photo.getOriginalFilename());
        // ok: java/unrestricted-upload
        Files.copy(photo.getInputStream(), uploads.resolve(name));
        return name;
    }

    private void validateImage(MultipartFile f) {
        String type = f.getContentType();
        if (type == null || !type.startsWith("image/")) throw new IllegalArgumentException("not an image");
    }
}

@WebServlet("/tickets/attach")
@MultipartConfig
class AttachmentServlet extends HttpServlet {
    private static final Set<String> ALLOWED = Set.of(".txt", ".log", ".png", ".jpg");

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws ServletException, IOException {
        String dir = getServletContext().getRealPath("/WEB-INF/attachments");
        for (Part part : request.getParts()) {
            String fileName = Paths.get(part.getSubmittedFileName()).getFileName().toString();
            String ext = fileName.contains(".") ? fileName.substring(fileName.lastIndexOf('.')).toLowerCase() : "";
            if (!ALLOWED.contains(ext)) {
                response.sendError(HttpServletResponse.SC_BAD_REQUEST, "file type not allowed");
                return;
            }
            // ok: java/unrestricted-upload
            part.write(dir + File.separator + UUID.randomUUID() + ext);
        }
    }
}

class ReportWriter {
    void save(Writer writer, String fileName, String body) throws IOException {
        // ok: java/unrestricted-upload
        writer.write(body);
        // ok: java/unrestricted-upload
        Files.writeString(Paths.get("reports", fileName), body);
    }
}

class ExportService {
    void export(OutputStream target, String originalName, Part part) throws IOException {
        try (InputStream in = part.getInputStream()) {
            // ok: java/unrestricted-upload
            in.transferTo(target);
        }
    }
}
