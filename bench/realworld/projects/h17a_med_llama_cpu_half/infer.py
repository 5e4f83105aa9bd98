# source: https://github.com/SCIR-HI/Huatuo-Llama-Med-Chinese/issues/43
# error: RuntimeError: "addmm_impl_cpu_" not implemented for 'Half'
# pattern: half-on-cpu
# shape: multi-file, loader-loop
# bug-lines: 26
# needs: torch, transformers, peft
# cpu: no written where torch was not installed; not run
import argparse

import torch
from transformers import GenerationConfig

from model_loader import load_model, load_tokenizer
from prompting import batch_instructions, build_prompt, extract_response


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--base_model", default="decapoda-research/llama-7b-hf")
    parser.add_argument("--lora_weights", default="lora-llama-med")
    parser.add_argument("--instruct_file", default="data/infer.txt")
    args = parser.parse_args()

    device = "cuda" if torch.cuda.is_available() else "cpu"
    tokenizer = load_tokenizer(args.base_model)
    model = load_model(args.base_model, args.lora_weights, device=device)
    gen_cfg = GenerationConfig(temperature=0.1, top_p=0.75, num_beams=4, max_new_tokens=256)

    for chunk in batch_instructions(args.instruct_file, size=1):
        prompt = build_prompt(chunk[0])
        inputs = tokenizer(prompt, return_tensors="pt")
        input_ids = inputs["input_ids"].to(device)
        with torch.no_grad():
            out = model.generate(input_ids=input_ids, generation_config=gen_cfg)
        text = tokenizer.decode(out[0], skip_special_tokens=True)
        print("Q:", chunk[0])
        print("A:", extract_response(text))


if __name__ == "__main__":
    main()
