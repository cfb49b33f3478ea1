// Short messages to the reader (a toast read out politely) and copying to the clipboard.

let toastTimer = 0

export function toast(message) {
  const element = document.getElementById('toast')
  element.textContent = message
  element.hidden = false
  clearTimeout(toastTimer)
  toastTimer = setTimeout(() => (element.hidden = true), 3200)
}

export async function copyText(text) {
  try {
    await navigator.clipboard.writeText(text)
    return true
  } catch {
    // Older browsers, or a page not allowed to use the clipboard API: a selected textarea and the copy command.
    const area = document.createElement('textarea')
    area.value = text
    area.setAttribute('readonly', '')
    area.className = 'visually-hidden'
    document.body.append(area)
    area.select()
    let copied = false
    try {
      copied = document.execCommand('copy')
    } catch {
      copied = false
    }
    area.remove()
    return copied
  }
}

/** Copies and says so (or shows what to copy by hand). */
export async function copyAndTell(text, what) {
  toast((await copyText(text)) ? `${what} copiée : ${text}` : `Copiez à la main : ${text}`)
}
