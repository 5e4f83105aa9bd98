# source: https://github.com/MusicLang/musiclang_predict/issues/7
# error: RuntimeError: Expected all tensors to be on the same device, but found at least two devices, cuda:0 and cpu! (when checking argument for argument index in method wrapper_CUDA__index_select)
# pattern: inputs-not-moved
# shape: helper, top-level
# bug-lines: 30, 31
# needs: torch, transformers
# cpu: no written where torch was not installed; not run
"""Continue a symbolic score chord by chord with a GPT-2 trained on tokenised MIDI."""
import torch
from transformers import AutoTokenizer, GPT2LMHeadModel

MODEL_ID = "musiclang/musiclang-4k"
CHORD_CHANGE = "CHORD_CHANGE"

device = "cuda" if torch.cuda.is_available() else "cpu"
model = GPT2LMHeadModel.from_pretrained(MODEL_ID).to(device)
tokenizer = AutoTokenizer.from_pretrained(MODEL_ID)


def chord_prompt(chord_duration, time_signature=(4, 4)):
    return (f"TIME_SIGNATURE__{time_signature[0]}_{time_signature[1]} "
            f"CHORD_DURATION__{chord_duration} {CHORD_CHANGE}")


def predict(model, tokenizer, chord_duration=4, nb_chords=8, temperature=0.95,
            max_tokens_per_chord=256):
    text = chord_prompt(chord_duration)
    stop_id = tokenizer.convert_tokens_to_ids(CHORD_CHANGE)
    for _ in range(nb_chords):
        input_ids = tokenizer(text, return_tensors="pt").input_ids
        generated = model.generate(input_ids, do_sample=True, temperature=temperature,
                                   max_new_tokens=max_tokens_per_chord,
                                   eos_token_id=stop_id, pad_token_id=stop_id)
        text = tokenizer.decode(generated[0], skip_special_tokens=False)
        if not text.rstrip().endswith(CHORD_CHANGE):
            text = text + " " + CHORD_CHANGE
    return text


if __name__ == "__main__":
    song = predict(model, tokenizer, chord_duration=4, nb_chords=8)
    with open("song.tokens.txt", "w") as f:
        f.write(song)
    print(song[:400])
