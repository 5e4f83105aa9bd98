# The audio model is loaded in float16; the feature extractor computes its log-mel
# features in float32, and the script moves them with the model's dtype too.
import torch
from transformers import WhisperForConditionalGeneration, WhisperProcessor


def load(name, device):
    processor = WhisperProcessor.from_pretrained(name)
    model = WhisperForConditionalGeneration.from_pretrained(name, torch_dtype=torch.float16)
    return processor, model.to(device)


def transcribe(name, clips, device="cuda"):
    processor, model = load(name, device)
    features = processor(clips, sampling_rate=16000, return_tensors="pt").input_features
    ids = model.generate(features.to(device, torch.float16), max_new_tokens=128)
    return processor.batch_decode(ids, skip_special_tokens=True)
