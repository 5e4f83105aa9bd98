# OpenAI Whisper's model is loaded in float32 and cast to half to save memory; the
# log-mel features it is given stay float32.
import torch
import whisper


def encode_segments(paths):
    model = whisper.load_model("small", device="cuda").half()
    texts = []
    for path in paths:
        audio = whisper.pad_or_trim(whisper.load_audio(path))
        mel = whisper.log_mel_spectrogram(audio).to("cuda")  # expect: TL107:15 lines=12,14,8
        with torch.no_grad():
            states = model.encoder(mel[None])
        texts.append(states.mean(1).float().cpu())
    return texts
