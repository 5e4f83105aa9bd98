# source: https://github.com/ming024/FastSpeech2/issues/82
# error: RuntimeError: Attempting to deserialize object on a CUDA device but torch.cuda.is_available() is False. If you are running on a CPU-only machine, please use torch.load with map_location=torch.device('cpu') to map your storages to the CPU.
# pattern: torch-load-map-location
# shape: multi-file, helper
# bug-lines: 34, 47
# needs: torch, yaml
# cpu: no written where torch was not installed; not run
import os

import torch
import yaml

from model import AcousticModel, Vocoder


def load_configs(config_dir):
    configs = []
    for name in ("preprocess.yaml", "model.yaml", "train.yaml"):
        with open(os.path.join(config_dir, name)) as f:
            configs.append(yaml.safe_load(f))
    return configs


def get_model(args, configs, device, train=False):
    preprocess_config, model_config, train_config = configs
    model = AcousticModel(
        n_symbols=model_config["n_symbols"],
        n_speakers=model_config.get("n_speakers", 1),
        d_model=model_config["encoder_hidden"],
        n_mels=preprocess_config["n_mel_channels"],
    )
    if args.restore_step:
        ckpt_path = os.path.join(train_config["ckpt_path"], f"{args.restore_step}.pth.tar")
        ckpt = torch.load(ckpt_path)
        model.load_state_dict(ckpt["model"])
    model = model.to(device)
    if train:
        return model
    model.eval()
    model.requires_grad_(False)
    return model


def get_vocoder(configs, device):
    preprocess_config, model_config, _ = configs
    vocoder = Vocoder(n_mels=preprocess_config["n_mel_channels"])
    state = torch.load(model_config["vocoder"]["ckpt"])
    vocoder.load_state_dict(state["generator"])
    vocoder.eval()
    return vocoder.to(device)
