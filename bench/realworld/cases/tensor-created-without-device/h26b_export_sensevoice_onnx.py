# source: https://github.com/k2-fsa/sherpa-onnx/pull/1699 https://github.com/modelscope/FunASR/pull/2265
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu!
# pattern: tensor-created-without-device
# shape: helper, class
# bug-lines: 39, 45, 46, 47, 48
# needs: torch, onnx, funasr
# cpu: no written where torch was not installed; not run
import argparse
import os

import onnx
import torch
import torch.nn as nn


def load_asr_model(model_dir, **kwargs):
    """FunASR-style loader: picks CUDA whenever it is available unless told otherwise."""
    from funasr import AutoModel

    wrapper = AutoModel(model=model_dir, disable_update=True, **kwargs)
    model = wrapper.model
    model.eval()
    return model, wrapper.kwargs


class OnnxExportWrapper(nn.Module):
    def __init__(self, model):
        super().__init__()
        self.embed = model.embed
        self.encoder = model.encoder
        self.ctc_lo = model.ctc.ctc_lo

    def forward(self, speech, speech_lengths, language, text_norm):
        lang_query = self.embed(language).unsqueeze(1)
        norm_query = self.embed(text_norm).unsqueeze(1)
        speech = torch.cat([lang_query, norm_query, speech], dim=1)
        encoder_out, encoder_out_lens = self.encoder(speech, speech_lengths + 2)
        logits = self.ctc_lo(encoder_out)
        valid = torch.arange(logits.size(1))[None, :] < encoder_out_lens[:, None]
        logits = logits.masked_fill(~valid.unsqueeze(-1), 0.0)
        return logits, encoder_out_lens


def make_dummy_inputs(feat_dim, n_frames=100, batch=1):
    speech = torch.randn(batch, n_frames, feat_dim)
    speech_lengths = torch.full((batch,), n_frames, dtype=torch.int32)
    language = torch.zeros(batch, dtype=torch.int32)
    text_norm = torch.full((batch,), 15, dtype=torch.int32)
    return speech, speech_lengths, language, text_norm


def export(model_dir, out_path, opset=13):
    model, kwargs = load_asr_model(model_dir)
    wrapper = OnnxExportWrapper(model).eval()
    feat_dim = kwargs["frontend_conf"]["n_mels"] * kwargs["frontend_conf"]["lfr_m"]
    dummy = make_dummy_inputs(feat_dim)
    torch.onnx.export(
        wrapper,
        dummy,
        out_path,
        opset_version=opset,
        input_names=["x", "x_length", "language", "text_norm"],
        output_names=["logits", "logits_length"],
        dynamic_axes={"x": {0: "N", 1: "T"}, "x_length": {0: "N"}, "language": {0: "N"},
                      "text_norm": {0: "N"}, "logits": {0: "N", 1: "T"}, "logits_length": {0: "N"}},
    )
    onnx_model = onnx.load(out_path)
    meta = onnx_model.metadata_props.add()
    meta.key, meta.value = "model_type", "sense_voice_ctc"
    onnx.save(onnx_model, out_path)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--model_dir", default="iic/SenseVoiceSmall")
    parser.add_argument("--out", default="exported/model.onnx")
    args = parser.parse_args()
    os.makedirs(os.path.dirname(args.out), exist_ok=True)
    export(args.model_dir, args.out)
