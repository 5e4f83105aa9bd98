# source: https://github.com/Vchitect/Latte/issues/61
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file
# bug-lines: 18
# cpu: clean
# needs: none
from types import SimpleNamespace

# mirrors configs/ffs/ffs_sample.yaml
DEFAULTS = {
    "model": "Latte-XL/2",
    "num_frames": 4,
    "image_size": 32,
    "in_channels": 4,
    "num_sampling_steps": 3,
    "seed": 0,
    "use_fp16": True,
    "save_img_path": "./sample_videos/",
}


def load_config(overrides=None):
    cfg = dict(DEFAULTS)
    cfg.update(overrides or {})
    cfg["latent_size"] = cfg["image_size"] // 8
    return SimpleNamespace(**cfg)
