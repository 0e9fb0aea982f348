"""The publishing: papermill runs in kept-alive kernels, nbconvert HTML, Chromium PDF, atomic folders and the index."""
