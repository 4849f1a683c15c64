// libvips (Debian's libvips-dev) for product image thumbnails.
//
// Most of libvips' C API is variadic (optional arguments as NULL-terminated name/value
// pairs), and Swift cannot call variadic C functions. So each step the server needs is one
// small non-variadic function here that calls libvips and releases every intermediate
// image before it returns: Swift only sees plain ints, paths and malloc'd buffers.
#ifndef MARKETMATE_CVIPS_SHIM_H
#define MARKETMATE_CVIPS_SHIM_H
#include <stdio.h>
#include <string.h>
#include <vips/vips.h>

// libvips reports recoverable decoder trouble ("not enough data") as GLib warnings on
// stderr, which would break the server's JSON-lines log; failures still come back as
// error returns, with their text in vips_error_buffer.
static inline void mm_vips_drop_log(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

/// vips_init, once per process before any other call (the caller guarantees "once").
/// The operation cache is switched off: a server sees each image once, so cached
/// operations would only hold memory.
static inline int mm_vips_start(void) {
    if (VIPS_INIT("marketmate") != 0) return -1;
    vips_cache_set_max(0);
    g_log_set_handler("VIPS", (GLogLevelFlags)(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE | G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG),
                      mm_vips_drop_log, NULL);
    return 0;
}

/// Copies libvips' error text into `out` and clears it. The buffer is shared by every
/// thread, so under concurrent failures a message may mix two of them: logs only.
static inline void mm_vips_take_error(char *out, size_t size) {
    const char *text = vips_error_buffer();
    snprintf(out, size, "%s", text != NULL ? text : "");
    vips_error_clear();
}

static inline void mm_vips_free(void *pointer) { g_free(pointer); }

/// Width and height as the image is shown (after its EXIF orientation), read from the
/// header alone: no pixels are decoded.
static inline int mm_vips_header(const char *path, int *width, int *height) {
    VipsImage *image = vips_image_new_from_file(path, NULL);
    if (image == NULL) return -1;
    int swap = vips_image_get_orientation_swap(image);
    *width = swap ? vips_image_get_height(image) : vips_image_get_width(image);
    *height = swap ? vips_image_get_width(image) : vips_image_get_height(image);
    g_object_unref(image);
    return 0;
}

/// The image shrunk to fit a `size` x `size` box, never enlarged, EXIF orientation applied
/// and metadata stripped, encoded as WebP (`webp` != 0) or JPEG at `quality`, into a
/// buffer the caller releases with mm_vips_free. vips_thumbnail shrinks on load where the
/// format allows, so a large JPEG is never decoded at full size.
static inline int mm_vips_thumbnail(const char *path, int size, int webp, int quality, void **buf, size_t *len) {
    VipsImage *thumb = NULL;
    if (vips_thumbnail(path, &thumb, size, "height", size, "size", VIPS_SIZE_DOWN, NULL) != 0) return -1;
    int result = webp
        ? vips_webpsave_buffer(thumb, buf, len, "Q", quality, "strip", TRUE, NULL)
        : vips_jpegsave_buffer(thumb, buf, len, "Q", quality, "strip", TRUE, NULL);
    g_object_unref(thumb);
    return result;
}

/// The preview grid: the image shrunk (averaged) to fit `max` x `max`, as 8-bit sRGB
/// with any transparency flattened onto white (product shots with a transparent
/// background are meant to sit on a page), written row by row, 3 bytes a pixel, to
/// *pixels (release with mm_vips_free).
static inline int mm_vips_preview(const char *path, int max, int *width, int *height, unsigned char **pixels) {
    VipsImage *t[5] = { NULL, NULL, NULL, NULL, NULL };
    int rc = -1;
    *pixels = NULL;
    if (vips_thumbnail(path, &t[0], max, "height", max, "size", VIPS_SIZE_DOWN, NULL) != 0) goto done;
    if (vips_colourspace(t[0], &t[1], VIPS_INTERPRETATION_sRGB, NULL) != 0) goto done;
    VipsImage *rgb = t[1];
    if (vips_image_hasalpha(rgb)) {
        double white[3] = { 255.0, 255.0, 255.0 };
        VipsArrayDouble *background = vips_array_double_new(white, 3);
        int flattened = vips_flatten(rgb, &t[2], "background", background, NULL);
        vips_area_unref(VIPS_AREA(background));
        if (flattened != 0) goto done;
        rgb = t[2];
    }
    if (vips_cast(rgb, &t[3], VIPS_FORMAT_UCHAR, NULL) != 0) goto done;
    if (vips_image_get_bands(t[3]) < 3) goto done;
    if (vips_extract_band(t[3], &t[4], 0, "n", 3, NULL) != 0) goto done;
    size_t size = 0;
    unsigned char *memory = (unsigned char *)vips_image_write_to_memory(t[4], &size);
    if (memory == NULL) goto done;
    *width = vips_image_get_width(t[4]);
    *height = vips_image_get_height(t[4]);
    if (size != (size_t)(*width) * (size_t)(*height) * 3) {
        g_free(memory);
        goto done;
    }
    *pixels = memory;
    rc = 0;
done:
    for (int i = 0; i < 5; i++) {
        if (t[i] != NULL) g_object_unref(t[i]);
    }
    return rc;
}

/// Raw 8-bit pixels (`bands` 1 to 4 a pixel, row by row) encoded in the format its
/// `suffix` names (".png", ".jpg", ".webp", ...), into a buffer to release with
/// mm_vips_free. For generated images: demo data and tests.
static inline int mm_vips_encode(const unsigned char *data, int width, int height, int bands, const char *suffix, void **buf, size_t *len) {
    VipsImage *image = vips_image_new_from_memory_copy(data, (size_t)width * (size_t)height * (size_t)bands, width, height, bands, VIPS_FORMAT_UCHAR);
    if (image == NULL) return -1;
    int rc = vips_image_write_to_buffer(image, suffix, buf, len, NULL);
    g_object_unref(image);
    return rc;
}
#endif
