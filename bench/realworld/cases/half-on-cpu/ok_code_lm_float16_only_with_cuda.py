# source: https://github.com/dpfried/incoder/issues/5
# error: RuntimeError: expected scalar type Float but found Half
# shape: helper
# looks-like: half-on-cpu
# cpu: clean
# needs: torch, transformers
import torch
from transformers import AutoModelForCausalLM, GPT2Config

CUDA = torch.cuda.is_available()
BIG_MODEL = True


def tiny_config():
    # stands in for from_pretrained("facebook/incoder-6B", revision="float16")
    return GPT2Config(vocab_size=128, n_positions=64, n_embd=32, n_layer=2, n_head=4)


def load_model():
    if BIG_MODEL and CUDA:
        # float16 weights are only loaded when the model will run on a GPU
        model = AutoModelForCausalLM.from_config(tiny_config(), torch_dtype=torch.float16)
    else:
        model = AutoModelForCausalLM.from_config(tiny_config())
    if CUDA:
        model = model.cuda()
    return model.eval()


def generate(model, input_ids, max_to_generate=4):
    input_ids = torch.tensor([input_ids])
    if CUDA:
        input_ids = input_ids.cuda()
    with torch.no_grad():
        output = model.generate(input_ids=input_ids, do_sample=False, max_length=len(input_ids[0]) + max_to_generate,
                                pad_token_id=0)
    return output[0].tolist()


if __name__ == "__main__":
    print(generate(load_model(), [5, 17, 42]))
