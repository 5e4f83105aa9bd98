# source: https://github.com/RVC-Project/Retrieval-based-Voice-Conversion-WebUI/issues/210
# error: RuntimeError: "slow_conv2d_cpu" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, top-level
# bug-lines: 26, 38, 51
# needs: torch, numpy, librosa, soundfile
# cpu: no written where torch was not installed; not run
import librosa
import numpy as np
import soundfile as sf
import torch
import torch.nn.functional as F

from config import device, is_half, x_pad
from models import ConvFeatureExtractor, Synthesizer

hubert_model = None


def load_hubert(path="hubert_base.pt"):
    global hubert_model
    hubert_model = ConvFeatureExtractor()
    hubert_model.load_state_dict(torch.load(path, map_location="cpu"))
    hubert_model = hubert_model.to(device)
    if is_half:
        hubert_model = hubert_model.half()
    else:
        hubert_model = hubert_model.float()
    hubert_model.eval()


def get_vc(weight_path):
    cpt = torch.load(weight_path, map_location="cpu")
    net_g = Synthesizer(cpt["config"]["n_speakers"])
    net_g.load_state_dict(cpt["weight"], strict=False)
    net_g.eval().to(device)
    if is_half:
        net_g = net_g.half()
    else:
        net_g = net_g.float()
    return net_g, cpt["config"]["sr"]


@torch.no_grad()
def vc_single(net_g, sid, input_audio_path):
    if hubert_model is None:
        load_hubert()
    audio, _ = librosa.load(input_audio_path, sr=16000)
    audio = np.pad(audio, (16000 * x_pad // 10, 16000 * x_pad // 10), mode="reflect")
    feats = torch.from_numpy(audio)
    feats = feats.half() if is_half else feats.float()
    feats = feats.view(1, -1).to(device)

    units = hubert_model.extract_features(feats)
    units = F.interpolate(units.transpose(1, 2), scale_factor=2).transpose(1, 2)
    sid = torch.tensor([sid], device=device).long()
    audio_out = net_g.infer(units, sid)[0, 0]
    return (audio_out.float().cpu().numpy() * 32767).astype(np.int16)


if __name__ == "__main__":
    net_g, tgt_sr = get_vc("weights/my_speaker.pth")
    wav = vc_single(net_g, 0, "input.wav")
    sf.write("output.wav", wav, tgt_sr)
