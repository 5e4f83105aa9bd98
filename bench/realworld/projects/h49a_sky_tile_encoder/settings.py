# source: https://github.com/prob-ml/bliss/issues/80
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:1 and cuda:0!
# pattern: current-gpu-mismatch
# shape: multi-file, top-level
# needs: torch
# cpu: no written where torch was not installed; not run
"""Package-wide settings for the sky-survey source detector."""
import torch

use_cuda = torch.cuda.is_available()
device = torch.device("cuda" if use_cuda else "cpu")

TILE_SLEN = 4
PTILE_SLEN = 8
MAX_SOURCES = 2
N_BANDS = 1
BACKGROUND_ADU = 865.0

# simulation defaults shared by the sleep phase and the SDSS case study
PSF_FWHM_PX = 2.2
PIXEL_SCALE_ARCSEC = 0.396
FLUX_MIN_NMGY = 622.0
FLUX_ALPHA = 0.5
CHECKPOINT_DIR = "checkpoints/location_encoder"
